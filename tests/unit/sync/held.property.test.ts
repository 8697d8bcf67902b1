// Annotations kept apart (sync/held.ts) keep the merge laws: label files applied in any order, any number of times,
// with the tasks they speak of arriving at any moment between them, end in the same two sets — the project's labels
// are the merge of everything seen restricted to its tasks, the held ones the merge of the rest. Checked on the pure
// plans and on the database code that carries them out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src/lib/db/projects';
import { heldAnnotations } from '../../../src/lib/db/held';
import { applyBundle, applyIncoming, projectAnnotations } from '../../../src/lib/db/sync-queries';
import { planIncoming, planPromotion, writesOf, type ProjectLabelSets } from '../../../src/lib/sync/held';
import { mergeAll } from '../../../src/lib/sync/merge';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { freshDb } from '../support/factories';
import { historyArb, LABELS, replay, shuffled } from './histories';

const TASKS = ['t0', 't1', 't2'];

/** A history, and when each task arrives: before file `arrivals[i]` (past the last file: never). */
const scenarioArb = fc.record({
  history: historyArb,
  arrivals: fc.array(fc.nat(7), { minLength: TASKS.length, maxLength: TASKS.length }),
  again: fc.nat(5),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;
type Step = { kind: 'file'; annotations: SyncAnnotation[] } | { kind: 'tasks'; ids: string[] };

/** The files in a shuffled order, one of them twice, with the tasks arriving between them. */
function steps({ history, arrivals, again }: Scenario): { steps: Step[]; files: SyncAnnotation[][]; arrived: Set<string> } {
  const files = replay(history).files.map((file) => file.map((a) => ({ ...a, projectId: 'p' })));
  const order = shuffled([...files, files[again % files.length] as SyncAnnotation[]], history.seed);
  const out: Step[] = [];
  const arrived = new Set<string>();
  order.forEach((annotations, i) => {
    const ids = TASKS.filter((_, t) => arrivals[t] === i);
    if (ids.length > 0) out.push({ kind: 'tasks', ids });
    ids.forEach((id) => arrived.add(id));
    out.push({ kind: 'file', annotations });
  });
  return { steps: out, files, arrived };
}

function expected(files: SyncAnnotation[][], arrived: Set<string>): { labels: SyncAnnotation[]; held: SyncAnnotation[] } {
  const all = mergeAll(files);
  return { labels: all.filter((a) => arrived.has(a.taskId)), held: all.filter((a) => !arrived.has(a.taskId)) };
}

describe('annotations kept apart', () => {
  it('plans: any order of files and task arrivals ends in the merge of everything, split by where the tasks are', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { steps: run, files, arrived } = steps(scenario);
        const tasks = new Set<string>();
        let sets: ProjectLabelSets = { labels: [], held: [] };
        for (const step of run) {
          if (step.kind === 'file') {
            const plan = planIncoming(sets, step.annotations, (id) => tasks.has(id));
            sets = { labels: mergeAll([sets.labels, writesOf(plan.labels)]), held: mergeAll([sets.held, writesOf(plan.held)]) };
          } else {
            step.ids.forEach((id) => tasks.add(id));
            const promotion = planPromotion(sets, (a) => tasks.has(a.taskId));
            const leaving = new Set(promotion.leaving);
            sets = { labels: mergeAll([sets.labels, writesOf(promotion.labels)]), held: sets.held.filter((a) => !leaving.has(a)) };
          }
        }
        expect(sets).toEqual(expected(files, arrived));
      }),
      { seed: 41, numRuns: 300 },
    );
  });

  it('the database: label files applied and bundles opened in any order end in the same two sets', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { steps: run, files, arrived } = steps(scenario);
        const db = freshDb();
        const labels = LABELS.map((name, i) => ({ name, color: '#E69F00', hotkey: String(i + 1) }));
        const project = await createProject(db, { name: 'P', taskType: 'multi', labels });
        const tasks: string[] = [];
        const toProject = (list: SyncAnnotation[]) => list.map((a) => ({ ...a, projectId: project.id }));
        for (const step of run) {
          if (step.kind === 'file') await applyIncoming(db, project.id, toProject(step.annotations));
          else {
            tasks.push(...step.ids);
            const bundleTasks = tasks.map((id, seq) => ({ id, seq, text: `text of ${id}`, meta: {} }));
            await applyBundle(db, { project, createdBy: { id: 'c', name: 'C' }, createdAt: 1, tasks: bundleTasks, labels: null, model: {} });
          }
        }
        const want = expected(files, arrived);
        expect(mergeAll([await projectAnnotations(db, project.id)])).toEqual(toProject(want.labels));
        expect(mergeAll([await heldAnnotations(db, project.id)])).toEqual(toProject(want.held));
        db.close();
      }),
      { seed: 43, numRuns: 25 },
    );
    // 25 databases, each applying files a batch per transaction: several seconds on a loaded machine.
  }, 30_000);
});
