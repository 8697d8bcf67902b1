import { describe, expect, it } from 'vitest';
import { writeAnnotations } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { writeLabelledImport } from '../../../src/lib/db/labelled-import';
import type { TaskRow } from '../../../src/lib/db/rows';
import type { ImportedTask } from '../../../src/lib/formats/spans/labelled-plan';
import { Prelabels } from '../../../src/lib/state/prelabels';
import { SpanSuggester, type LoadSteps } from '../../../src/lib/state/tasks/spans/span-suggester';
import { freshDb, makeProject } from '../support/factories';

const task = (id: string, text: string): ImportedTask => ({ id, text, meta: {}, annotations: [], prelabel: null });

/** Steps of one task and one phrase, each held until the test lets it go on. */
function heldSteps(): LoadSteps & { held: number; waiting: Promise<void>; goOn: () => void } {
  let release: (() => void) | null = null;
  let arrived: () => void = () => undefined;
  const steps = {
    tasks: 1,
    phrases: 1,
    held: 0,
    waiting: new Promise<void>((resolve) => (arrived = resolve)),
    pause: () =>
      new Promise<void>((resolve) => {
        steps.held++;
        release = resolve;
        arrived();
      }),
    goOn: () => {
      const next = release;
      release = null;
      steps.waiting = new Promise<void>((resolve) => (arrived = resolve));
      next?.();
    },
  };
  return steps;
}

describe('SpanSuggester.load', () => {
  it('reads the earlier spans in steps, suggests none until all are read, and an edit made meanwhile wins', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
    await writeLabelledImport(db, project.id, 'ner.json', 'labelstudio', {
      tasks: [task('t1', 'Ada met Bo'), task('t2', 'Bo met Cy'), task('t3', 'Ada and Bo')],
      notes: [],
    });
    await writeAnnotations(db, [
      { projectId: project.id, taskId: 't1', value: ['0:3:PER'], status: 'labelled' },
      { projectId: project.id, taskId: 't2', value: ['0:2:PER'], status: 'labelled' },
    ]);
    const annotator = await getOrCreateLocalAnnotator(db);
    const suggester = new SpanSuggester(db, project, new Prelabels(db, project.id), null);
    const [t1, , t3] = (await db.tasks.where('projectId').equals(project.id).sortBy('seq')) as TaskRow[];
    const steps = heldSteps();
    const loading = suggester.load(annotator.id, steps);

    await steps.waiting;
    // The annotator relabels "Ada" on t1 while the rest is read.
    suggester.learn(t1!, [{ start: 0, end: 3, label: 'LOC' }]);
    while (true) {
      // Part read: nothing is suggested rather than part of the dictionary.
      expect(suggester.combine(t3!, null, [])).toEqual([]);
      steps.goOn();
      const done = await Promise.race([loading.then(() => true), steps.waiting.then(() => false)]);
      if (done) break;
    }
    // A pause after each of the two tasks, then between the four phrase keys ("Ada" and "Bo", as written and lower-cased).
    expect(steps.held).toBe(2 + 3);
    expect(suggester.combine(t3!, null, [])).toEqual([
      { start: 0, end: 3, label: 'LOC', source: 'dictionary', confidence: null },
      { start: 8, end: 10, label: 'PER', source: 'dictionary', confidence: null },
    ]);
  });
});
