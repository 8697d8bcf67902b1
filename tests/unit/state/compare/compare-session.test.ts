import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../../src/lib/db/annotator';
import type { FieldlabelDb } from '../../../../src/lib/db/database';
import { DEFAULT_RUBRIC, decodeJudgement, type Judgement, type Rubric } from '../../../../src/lib/domain/compare';
import { CompareSession } from '../../../../src/lib/state/tasks/compare/session.svelte';
import { shownOrder } from '../../../../src/lib/state/tasks/compare/shown-order';
import { freshDb } from '../../support/factories';
import { addCompareTasks, makeCompareProject } from './compare-factories';

const RATED: Rubric = {
  ...DEFAULT_RUBRIC,
  ratings: [
    { name: 'Helpfulness', scale: 5, descriptions: ['useless', 'poor', 'fair', 'good', 'excellent'], required: true },
    { name: 'Tone', scale: 3, descriptions: ['rude', 'flat', 'kind'], required: false },
  ],
  correction: true,
  rationale: true,
};

async function openSession(db: FieldlabelDb, tasks: number, { rubric, responses = 2 }: { rubric?: Rubric; responses?: number } = {}) {
  const project = await makeCompareProject(db, rubric);
  await addCompareTasks(db, project.id, tasks, responses);
  const annotator = await getOrCreateLocalAnnotator(db);
  const reopen = async () => {
    const session = new CompareSession(db, (await db.projects.get(project.id))!, annotator);
    await session.open();
    return session;
  };
  return { project, annotator, session: await reopen(), reopen };
}

async function storedJudgements(db: FieldlabelDb): Promise<Record<string, Judgement>> {
  const rows = (await db.annotations.toArray()).filter((row) => row.status === 'labelled');
  return Object.fromEntries(rows.map((row) => [row.taskId, decodeJudgement(row.value[0]!) as Judgement]));
}

describe('CompareSession', () => {
  it('shows the responses in the annotator’s seeded order and stores that order with the preference', async () => {
    const db = freshDb();
    const { session, annotator } = await openSession(db, 3);
    const task = session.task!;
    const expected = shownOrder(task.compare!.responses, annotator.id, task.id).map((r) => r.id);
    expect(session.shownIds).toEqual(expected);
    await session.perform({ kind: 'prefer', position: 1 });
    expect(session.task?.id).toBe(task.id);
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('c1');
    expect(session.progress).toEqual({ total: 3, labelled: 1, skipped: 0 });
    const stored = await db.annotations.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toHaveLength(1);
    expect(decodeJudgement(stored[0]!.value[0]!)).toEqual({ shown: expected, preference: { kind: 'better', id: expected[1] }, ratings: {}, correction: null, rationale: '' });
  });

  it('with two responses takes a tie and both bad; the number keys then rate each item in turn', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 2, { rubric: RATED });
    expect(session.numberKeys).toEqual({ kind: 'preference' });
    await session.perform({ kind: 'tie' });
    expect(session.numberKeys).toMatchObject({ kind: 'rating', item: { name: 'Helpfulness' } });
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 4 });
    expect(session.numberKeys).toMatchObject({ kind: 'rating', item: { name: 'Tone' } });
    await session.perform({ kind: 'rate', item: 'Tone', value: 9 });
    expect(session.draft.ratings).toEqual({ Helpfulness: 4 });
    await session.perform({ kind: 'submit' });
    await session.perform({ kind: 'both-bad' });
    await session.perform({ kind: 'submit' });
    expect(session.notice).toBe('Rate “Helpfulness” (1–5).');
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 1 });
    await session.perform({ kind: 'submit' });
    await session.nextPrepared();
    const judgements = await storedJudgements(db);
    expect(judgements.c0).toMatchObject({ preference: { kind: 'tie' }, ratings: { Helpfulness: 4 } });
    expect(judgements.c1).toMatchObject({ preference: { kind: 'both-bad' }, ratings: { Helpfulness: 1 } });
    expect(session.allDone).toBe(true);
  });

  it('tells the screen which task comes next, so its responses can be rendered ahead', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 3);
    await session.nextPrepared();
    expect(session.upcomingTask?.id).toBe('c1');
    await session.perform({ kind: 'both-bad' }, { tap: true });
    await session.nextPrepared();
    expect(session.upcomingTask?.id).toBe('c2');
  });

  it('judges nothing on a task without two responses (plain text imported into the project): it can only be skipped', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 2);
    await db.tasks.update([session.task!.projectId, 'c0'], { compare: undefined });
    await session.perform({ kind: 'next' });
    await session.perform({ kind: 'previous' });
    expect(session.shown).toEqual([]);
    await session.perform({ kind: 'tie' }, { tap: true });
    await session.perform({ kind: 'submit' });
    expect(session.notice).toBe('This task has no two responses to compare: skip it.');
    expect(await db.annotations.count()).toBe(0);
    await session.perform({ kind: 'skip' });
    expect(session.progress).toEqual({ total: 2, labelled: 0, skipped: 1 });
  });

  it('without the preference question, rates only: the number keys go to the items and letters choose nothing', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 2, { rubric: { ...RATED, preference: false } });
    expect(session.numberKeys).toMatchObject({ kind: 'rating', item: { name: 'Helpfulness' } });
    await session.perform({ kind: 'prefer', position: 0 });
    await session.perform({ kind: 'tie' });
    expect(session.draft.preference).toBeNull();
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 2 });
    await session.perform({ kind: 'submit' });
    expect((await storedJudgements(db)).c0).toMatchObject({ preference: null, ratings: { Helpfulness: 2 } });
  });

  it('refuses to submit without the preference, and says what is missing', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 2);
    await session.perform({ kind: 'submit' });
    expect(session.notice).toBe('Choose which response is better, a tie, or both bad.');
    expect(session.task?.id).toBe('c0');
    expect(await db.annotations.count()).toBe(0);
  });

  it('ranks three or four responses best first; the last one falls into place', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 1, { responses: 4 });
    const ids = session.shownIds;
    await session.perform({ kind: 'tie' });
    expect(session.draft.preference).toBeNull();
    await session.perform({ kind: 'prefer', position: 2 });
    await session.perform({ kind: 'prefer', position: 2 });
    await session.perform({ kind: 'prefer', position: 0 });
    expect(session.draft.preference).toBeNull();
    await session.perform({ kind: 'prefer', position: 3 });
    expect(session.draft.preference).toEqual({ kind: 'ranking', ids: [ids[2], ids[0], ids[3], ids[1]] });
    await session.perform({ kind: 'submit' });
    expect((await storedJudgements(db)).c0!.preference).toEqual({ kind: 'ranking', ids: [ids[2], ids[0], ids[3], ids[1]] });
  });

  it('keeps a correction of the chosen response only while it changes the text, and the rationale', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 2, { rubric: RATED });
    await session.perform({ kind: 'prefer', position: 0 });
    await session.perform({ kind: 'edit' });
    expect(session.editing).toBe(true);
    const chosen = session.shown[0]!;
    expect(session.correcting).toEqual({ response: chosen, text: chosen.text });
    session.setCorrection(chosen.text);
    expect(session.draft.correction).toBeNull();
    session.setCorrection('a better answer');
    session.leaveEditor();
    session.setRationale('  the first one answers the question  ');
    await session.perform({ kind: 'rate', item: 'Helpfulness', value: 5 });
    await session.perform({ kind: 'submit' });
    expect((await storedJudgements(db)).c0).toMatchObject({
      correction: { id: chosen.id, text: 'a better answer' },
      rationale: 'the first one answers the question',
    });
  });

  it('stores at once on a tap when the rubric asks only the preference, never on a key', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 3);
    await session.perform({ kind: 'prefer', position: 0 });
    expect(session.task?.id).toBe('c0');
    await session.perform({ kind: 'prefer', position: 1 }, { tap: true });
    expect(session.task?.id).toBe('c1');
    await session.perform({ kind: 'tie' }, { tap: true });
    expect(session.task?.id).toBe('c2');
    expect(session.progress.labelled).toBe(2);

    const rated = await openSession(freshDb(), 2, { rubric: RATED });
    await rated.session.perform({ kind: 'prefer', position: 0 }, { tap: true });
    expect(rated.session.task?.id).toBe('c0');
  });

  it('undo takes the judgement back and shows it again; skip counts as skipped', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 3);
    await session.perform({ kind: 'prefer', position: 0 });
    await session.perform({ kind: 'submit' });
    await session.perform({ kind: 'skip' });
    expect(session.progress).toEqual({ total: 3, labelled: 1, skipped: 1 });
    await session.perform({ kind: 'undo' });
    expect(session.task?.id).toBe('c1');
    expect(session.progress).toEqual({ total: 3, labelled: 1, skipped: 0 });
    await session.perform({ kind: 'undo' });
    expect(session.task?.id).toBe('c0');
    expect(session.draft.preference).toBeNull();
    expect(session.progress).toEqual({ total: 3, labelled: 0, skipped: 0 });
    expect((await db.annotations.toArray()).map((a) => a.status)).toEqual(['retracted', 'retracted']);
  });

  it('reopened, shows a judged task as it was judged, and goes on with Enter without writing again', async () => {
    const db = freshDb();
    const { session, reopen } = await openSession(db, 2);
    await session.perform({ kind: 'prefer', position: 1 });
    const shown = session.shownIds;
    await session.perform({ kind: 'submit' });
    await session.perform({ kind: 'previous' });
    expect(session.task?.id).toBe('c0');
    expect(session.shownIds).toEqual(shown);
    expect(session.draft.preference).toEqual({ kind: 'better', id: shown[1] });
    const revision = (await db.annotations.toArray())[0]!.revision;
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('c1');
    expect((await db.annotations.toArray())[0]!.revision).toBe(revision);
    await session.leaving();
    const again = await reopen();
    expect(again.progress.labelled).toBe(1);
    expect(again.task?.id).toBe('c1');
  });
});
