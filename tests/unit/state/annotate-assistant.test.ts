import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import type { LabelRecord, Suggestion } from '../../../src/lib/model/api';
import type { Assistant } from '../../../src/lib/state/assistant';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { addTasks, freshDb, makeProject } from '../support/factories';

/** Suggests "Negative" for every task and walks the project backwards, so order and outcomes are visible. */
class FakeAssistant implements Assistant {
  records: LabelRecord[] = [];
  constructor(private readonly total: number) {}
  async suggest(taskId: string): Promise<Suggestion> {
    return { taskId, value: ['Negative'], confidence: 0.9, scores: [], modelVersion: 'fake@1' };
  }
  async nextOpenSeq(afterSeq: number): Promise<number | null> {
    const done = new Set(this.records.filter((r) => r.status !== 'retracted').map((r) => Number(r.taskId.slice(1))));
    for (let seq = this.total - 1; seq >= 0; seq--) if (seq !== afterSeq && !done.has(seq)) return seq;
    return null;
  }
  record(record: LabelRecord): void {
    this.records.push(record);
  }
}

describe('AnnotateSession with an assistant', () => {
  it('pre-selects the suggestion, Enter accepts it, and each decision is recorded with its outcome', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 5);
    const annotator = await getOrCreateLocalAnnotator(db);
    const assistant = new FakeAssistant(5);
    const session = new ClassificationSession(db, project, annotator, assistant);
    await session.open();

    expect(session.task?.id).toBe('t0');
    expect(session.suggestion?.value).toEqual(['Negative']);
    expect(session.selection).toEqual(['Negative']);
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('t4');
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.task?.id).toBe('t3');
    await session.perform({ kind: 'skip' });
    expect(assistant.records.map((r) => [r.taskId, r.status, r.value, r.outcome])).toEqual([
      ['t0', 'labelled', ['Negative'], 'accepted'],
      ['t4', 'labelled', ['Positive'], 'changed'],
      ['t3', 'skipped', [], 'ignored'],
    ]);
    const stored = await db.annotations.get([project.id, 't0', annotator.id]);
    expect(stored?.suggestion).toEqual({ value: ['Negative'], confidence: 0.9, modelVersion: 'fake@1' });
    await session.perform({ kind: 'undo' });
    expect(assistant.records.at(-1)).toEqual({ taskId: 't3', value: [], status: 'retracted', outcome: null });
  });

  it('shows the label given to the last open task as chosen, not the suggestion it had pre-selected', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 1);
    const session = new ClassificationSession(db, project, await getOrCreateLocalAnnotator(db), new FakeAssistant(1));
    await session.open();
    expect(session.selection).toEqual(['Negative']);
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.allDone).toBe(true);
    expect(session.annotation?.value).toEqual(['Positive']);
    expect(session.selection).toEqual(['Positive']);
  });

  it('keeps labelling when the assistant fails', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 2);
    const broken: Assistant = {
      suggest: () => Promise.reject(new Error('worker gone')),
      nextOpenSeq: () => Promise.reject(new Error('worker gone')),
      record: () => undefined,
    };
    const session = new ClassificationSession(db, project, await getOrCreateLocalAnnotator(db), broken);
    await session.open();
    expect(session.suggestion).toBeNull();
    await session.perform({ kind: 'submit' });
    expect(session.notice).toBe('No suggestion for this task yet: press a label key.');
    await session.perform({ kind: 'label', label: 'Neutral' });
    expect(session.task?.id).toBe('t1');
  });
});
