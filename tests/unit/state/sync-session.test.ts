// The Sync screen and folder sync take label files in only when every value in them can be a label of the project,
// and keep annotations of tasks the project does not have apart, saying so in numbers.
import { describe, expect, it, vi } from 'vitest';
import { getProgress } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import type { MergeProgress } from '../../../src/lib/state/merge-progress';
import { SyncSession } from '../../../src/lib/state/sync.svelte';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { fullHeader, syncAnnotation } from '../sync/factories';
import { addTasks, freshDb, makeProject } from '../support/factories';

async function setUp() {
  const db = freshDb();
  const project = await makeProject(db, { labels: 'Yes\nNo' });
  await addTasks(db, project.id, 3);
  const annotator = await getOrCreateLocalAnnotator(db);
  let changed = 0;
  const sync = new SyncSession(db, project, annotator, () => changed++);
  return { db, project, annotator, sync, changed: () => changed };
}

const labelFile = async (projectId: string, annotations: SyncAnnotation[]) =>
  writeLabelFile(fullHeader({ projectId }), annotations.map((a) => ({ ...a, projectId })));

const bo = (taskId: string, value: string[]) => syncAnnotation({ taskId, annotatorId: 'bo', annotatorName: 'Bo', value });

describe('SyncSession', () => {
  it('refuses a file with a value that is no label of the project, naming file and line; nothing is applied', async () => {
    const { db, project, sync } = await setUp();
    const text = await labelFile(project.id, [bo('t0', ['Yes']), bo('t1', ['No']), bo('t2', ['NOT-A-LABEL'])]);
    await sync.check([new File([text], 'team.labels.jsonl')]);
    expect(sync.checks.map((c) => c.error)).toEqual(['team.labels.jsonl, line 4: "NOT-A-LABEL" is not a label of this project (its labels: Yes, No)']);
    expect(sync.combined).toBeNull();
    expect(await db.annotations.count()).toBe(0);
  });

  it('keeps annotations of tasks the project does not have apart: in the summary, out of progress, in full label files', async () => {
    const { db, project, annotator, sync, changed } = await setUp();
    const mine = (taskId: string) => syncAnnotation({ taskId, annotatorId: annotator.id, annotatorName: annotator.name, value: ['Yes'] });
    const text = await labelFile(project.id, [mine('t0'), ...Array.from({ length: 40 }, (_, i) => mine(`ghost${i}`))]);
    await sync.check([new File([text], 'ahead.labels.jsonl')]);
    expect(sync.combined).toEqual({ added: 1, updated: 0, unchanged: 0, stale: 0, keptApart: 40, keptApartTasks: 40 });
    await sync.apply();
    expect(sync.applied).toMatchObject({ added: 1, keptApart: 40 });
    expect(sync.held).toEqual({ annotations: 40, tasks: 40 });
    expect(changed()).toBe(1);
    expect(await getProgress(db, project.id, annotator.id)).toEqual({ total: 3, labelled: 1, skipped: 0 });
    expect((await sync.labelFile('full')).count).toBe(41);
  });

  it('reports how far reading and applying have got, then clears the progress', async () => {
    const { project, sync } = await setUp();
    const seen: (MergeProgress | null)[] = [];
    const setter = vi.spyOn(sync, 'progress', 'set');
    setter.mockImplementation(function (this: SyncSession, value: MergeProgress | null) {
      seen.push(value);
    });
    const one = await labelFile(project.id, [bo('t0', ['Yes'])]);
    const two = await labelFile(project.id, [bo('t1', ['No']), bo('t2', ['Yes'])]);
    const files = [new File([one], 'one.labels.jsonl'), new File([two], 'two.labels.jsonl')];
    const bytes = files[0]!.size + files[1]!.size;
    await sync.check(files);
    expect(seen.map((p) => p && [p.phase, p.done, p.total])).toEqual([['reading', 0, bytes], ['reading', files[0]!.size, bytes], ['reading', bytes, bytes], null]);
    seen.length = 0;
    await sync.apply();
    expect(seen.map((p) => p && [p.phase, p.done, p.total])).toEqual([['applying', 0, 3], ['applying', 0, 3], ['applying', 3, 3], null]);
    expect(seen.at(-2)?.secondsLeft).toBe(0);
  });

  it('folder sync applies the files that can be applied and names the line of the one that cannot', async () => {
    const { db, project, sync } = await setUp();
    const good = await labelFile(project.id, [bo('t0', ['Yes'])]);
    const bad = await labelFile(project.id, [bo('t1', ['0:3:Yes'])]);
    const { applied, rejected } = await sync.applyFiles([{ name: 'bo.labels.jsonl', text: good }, { name: 'spans.labels.jsonl', text: bad }]);
    expect(applied).toMatchObject({ added: 1, keptApart: 0 });
    expect(rejected).toEqual(['spans.labels.jsonl, line 2: "0:3:Yes" is a span, but this project labels whole texts (its labels: Yes, No)']);
    expect(await db.annotations.count()).toBe(1);
  });

  it('reads the tasks once for all the files it checks, a page at a time, not once per annotation', async () => {
    const db = freshDb();
    const project = await makeProject(db, { labels: 'Yes\nNo' });
    await addTasks(db, project.id, 2_500);
    const sync = new SyncSession(db, project, await getOrCreateLocalAnnotator(db), () => undefined);
    const annotator = (name: string, from: number) =>
      Array.from({ length: 800 }, (_, i) => syncAnnotation({ taskId: `t${from + i}`, annotatorId: name, annotatorName: name, value: ['Yes'] }));
    const files = await Promise.all(['ann', 'bo', 'cy'].map(async (name, i) => new File([await labelFile(project.id, [...annotator(name, i * 800), bo('ghost', ['No'])])], `${name}.labels.jsonl`)));
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    await sync.check(files);
    expect(gets).not.toHaveBeenCalled();
    gets.mockRestore();
    expect(sync.checks.map((c) => c.totals?.added)).toEqual([800, 800, 800]);
    expect(sync.combined).toMatchObject({ added: 2_400, keptApart: 1, keptApartTasks: 1 });
  });
});
