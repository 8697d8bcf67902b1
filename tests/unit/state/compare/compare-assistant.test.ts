// The model in the loop for compare: the reward model's (or a file judge's) preferred response is pre-selected,
// Enter accepts it, and what became of it is stored and told to the model — unless it was hidden for the anchoring
// check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../../src/lib/db/annotator';
import { exportComparePages } from '../../../../src/lib/db/compare-export';
import type { FieldlabelDb } from '../../../../src/lib/db/database';
import type { AnnotationRow } from '../../../../src/lib/db/rows';
import { DEFAULT_RUBRIC, decodeJudgement, type Judgement, type Rubric } from '../../../../src/lib/domain/compare';
import type { CompareDoc } from '../../../../src/lib/formats/compare/compare-doc';
import { runCompareImport } from '../../../../src/lib/import/run-compare-import';
import type { LabelRecord, Suggestion } from '../../../../src/lib/model/api';
import type { Assistant } from '../../../../src/lib/state/assistant';
import { CompareSession } from '../../../../src/lib/state/tasks/compare/session.svelte';
import { freshDb } from '../../support/factories';
import { addCompareTasks, makeCompareProject } from './compare-factories';

const RATED: Rubric = {
  ...DEFAULT_RUBRIC,
  ratings: [{ name: 'Helpfulness', scale: 5, descriptions: ['useless', 'poor', 'fair', 'good', 'excellent'], required: true }],
  hiddenSuggestionShare: 0,
};

/** Prefers r1 on every task, rates it 4, and goes in file order. */
class RewardModel implements Assistant {
  records: LabelRecord[] = [];
  async suggest(taskId: string): Promise<Suggestion> {
    return {
      taskId,
      value: ['r1'],
      confidence: 0.8,
      scores: [{ label: 'r0', p: 0.2 }, { label: 'r1', p: 0.8 }],
      modelVersion: 'reward@3',
      ratings: [{ name: 'Helpfulness', value: 4, confidence: 0.6 }],
    };
  }
  async nextOpenSeq(): Promise<number | null> {
    return null;
  }
  record(record: LabelRecord): void {
    this.records.push(record);
  }
}

async function judged(db: FieldlabelDb, taskId: string): Promise<{ judgement: Judgement; row: AnnotationRow }> {
  const row = (await db.annotations.toArray()).find((a) => a.taskId === taskId)!;
  return { judgement: decodeJudgement(row.value[0]!) as Judgement, row };
}

describe('CompareSession with the reward model', () => {
  it('pre-selects the preferred response and the suggested rating; Enter accepts; the outcome follows the preferred response', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db, RATED);
    await addCompareTasks(db, project.id, 3);
    const model = new RewardModel();
    const session = new CompareSession(db, project, await getOrCreateLocalAnnotator(db), model);
    await session.open();

    expect(session.suggestion).toMatchObject({ value: ['r1'], confidence: 0.8 });
    expect(session.draft.preference).toEqual({ kind: 'better', id: 'r1' });
    expect(session.draft.ratings).toEqual({ Helpfulness: 4 });
    await session.perform({ kind: 'submit' });
    const first = await judged(db, 'c0');
    expect(first.judgement.preference).toEqual({ kind: 'better', id: 'r1' });
    expect(first.row.suggestion).toMatchObject({ confidence: 0.8, modelVersion: 'reward@3' });
    // Stored in the project's value encoding, as the compare files carry a suggestion.
    expect(decodeJudgement(first.row.suggestion!.value[0]!)).toMatchObject({ shown: first.judgement.shown, preference: { kind: 'better', id: 'r1' } });
    expect(first.row.suggestionOutcome).toBe('accepted');

    // The annotator prefers the other response and rates it lower: changed.
    expect(session.task?.id).toBe('c1');
    await session.perform({ kind: 'prefer', position: session.shownIds.indexOf('r0') });
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 2 });
    await session.perform({ kind: 'submit' });
    const second = await judged(db, 'c1');
    expect(second.judgement).toMatchObject({ preference: { kind: 'better', id: 'r0' }, ratings: { Helpfulness: 2 } });
    expect(second.row.suggestionOutcome).toBe('changed');
    // Our own compare JSONL carries the suggestion each judgement was made with, and what became of it.
    const exported: CompareDoc[] = [];
    for await (const page of exportComparePages(db, project.id, await getOrCreateLocalAnnotator(db))) exported.push(...page);
    expect(exported.find((doc) => doc.id === 'c1')?.judgements[0]).toMatchObject({
      suggestion: { judgement: { shown: second.judgement.shown, preference: { kind: 'better', id: 'r1' } }, confidence: 0.8, modelVersion: 'reward@3' },
      suggestionOutcome: 'changed',
    });
    expect(model.records.map((r) => [r.taskId, r.status, r.outcome])).toEqual([
      ['c0', 'labelled', 'accepted'],
      ['c1', 'labelled', 'changed'],
    ]);
  });

  it('lets the number keys answer a suggested preference and rating as if unanswered: a key replaces them', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db, RATED);
    await addCompareTasks(db, project.id, 1);
    const session = new CompareSession(db, project, await getOrCreateLocalAnnotator(db), new RewardModel());
    await session.open();
    expect(session.draft.preference).toEqual({ kind: 'better', id: 'r1' });
    expect(session.numberKeys).toEqual({ kind: 'preference' });
    await session.perform({ kind: 'tie' });
    expect(session.draft.preference).toEqual({ kind: 'tie' });
    // The suggested rating (4) is still there, and the next number key replaces it.
    expect(session.numberKeys).toMatchObject({ kind: 'rating', item: { name: 'Helpfulness' } });
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 1 });
    expect(session.numberKeys).toEqual({ kind: 'nothing' });
    await session.perform({ kind: 'submit' });
    expect((await judged(db, 'c0')).judgement).toMatchObject({ preference: { kind: 'tie' }, ratings: { Helpfulness: 1 } });
  });

  it('hides the suggestion on the seeded share of tasks, and stores it as hidden with no outcome', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db, { ...RATED, hiddenSuggestionShare: 1 });
    await addCompareTasks(db, project.id, 2);
    const model = new RewardModel();
    const session = new CompareSession(db, project, await getOrCreateLocalAnnotator(db), model);
    await session.open();

    expect(session.suggestion).toBeNull();
    expect(session.draft.preference).toBeNull();
    expect(session.draft.ratings).toEqual({});
    await session.perform({ kind: 'prefer', position: session.shownIds.indexOf('r1') });
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 5 });
    await session.perform({ kind: 'submit' });
    const { row } = await judged(db, 'c0');
    expect(row.suggestion).toMatchObject({ confidence: 0.8, modelVersion: 'reward@3', hidden: true });
    expect(decodeJudgement(row.suggestion!.value[0]!)).toMatchObject({ preference: { kind: 'better', id: 'r1' } });
    expect(row.suggestionOutcome).toBeNull();
    expect(model.records[0]).toMatchObject({ taskId: 'c0', outcome: null });
  });

  it('shows a file judge’s verdict the same way: its preferred response pre-selected with its score', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db, { ...DEFAULT_RUBRIC, hiddenSuggestionShare: 0 });
    const file = readFileSync(new URL('../../../fixtures/compare/chats.jsonl', import.meta.url), 'utf8');
    await runCompareImport({ db, projectId: project.id, file: new Blob([file]), fileName: 'chats.jsonl', format: 'responses' });
    const session = new CompareSession(db, project, await getOrCreateLocalAnnotator(db), new RewardModel());
    await session.open();

    expect(session.task?.id).toBe('c1');
    // The file's verdict wins over the model's guess (which names a response this task does not have).
    expect(session.suggestion).toMatchObject({ value: ['gpt'], confidence: 0.82, modelVersion: 'file:judge-1' });
    expect(session.draft.preference).toEqual({ kind: 'better', id: 'gpt' });
    await session.perform({ kind: 'submit' });
    const { row } = await judged(db, 'c1');
    expect(row.suggestionOutcome).toBe('accepted');
  });
});
