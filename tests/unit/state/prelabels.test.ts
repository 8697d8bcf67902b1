import { describe, expect, it, vi } from 'vitest';
import { writeLabelledImport } from '../../../src/lib/db/labelled-import';
import type { ImportedTask } from '../../../src/lib/formats/spans/labelled-plan';
import { Prelabels } from '../../../src/lib/state/prelabels';
import { freshDb, makeProject } from '../support/factories';

const task = (id: string, prelabel: ImportedTask['prelabel'] = null): ImportedTask => ({ id, text: `text ${id}`, meta: {}, annotations: [], prelabel });

describe('Prelabels', () => {
  it('reads no task\'s pre-annotation in a project that has none, and finds them once a file brought some', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'single', labels: 'Positive\nNegative' });
    await writeLabelledImport(db, project.id, 'plain.json', 'labelstudio', { tasks: [task('a')], notes: [] });
    const reads = vi.spyOn(db.prelabels, 'get');
    const prelabels = new Prelabels(db, project.id);
    expect(await prelabels.load()).toBe(false);
    expect(await prelabels.of('a')).toBeUndefined();
    expect(reads).not.toHaveBeenCalled();

    await writeLabelledImport(db, project.id, 'ls.json', 'labelstudio', { tasks: [task('b', { value: ['Positive'], score: 0.8 })], notes: [] });
    expect(await prelabels.load()).toBe(true);
    expect(await prelabels.of('b')).toMatchObject({ taskId: 'b', value: ['Positive'], score: 0.8, source: 'ls.json' });
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('checks on first use when nobody loaded it, and another project\'s pre-annotations do not count', async () => {
    const db = freshDb();
    const other = await makeProject(db, { taskType: 'single', labels: 'A\nB' });
    await writeLabelledImport(db, other.id, 'ls.json', 'labelstudio', { tasks: [task('x', { value: ['A'], score: 1 })], notes: [] });
    const project = await makeProject(db, { taskType: 'single', labels: 'A\nB' });
    const prelabels = new Prelabels(db, project.id);
    expect(await prelabels.of('x')).toBeUndefined();
    expect(await new Prelabels(db, other.id).of('x')).toMatchObject({ value: ['A'] });
  });
});
