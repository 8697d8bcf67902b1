// Two tabs of one project are two AnnotateSessions over one database, as the same annotator (issue #17): undo takes
// back only a tab's own newest label, and a refresh (what a tab does when another one stored labels) follows them.
import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { CHANGED_ELSEWHERE } from '../../../src/lib/state/undo-stack.svelte';
import { addTasks, freshDb, makeProject } from '../support/factories';

async function twoTabs(db: FieldlabelDb, tasks: number) {
  const project = await makeProject(db);
  await addTasks(db, project.id, tasks);
  const annotator = await getOrCreateLocalAnnotator(db);
  const open = async () => {
    const session = new ClassificationSession(db, project, annotator);
    await session.open();
    await session.nextPrepared();
    return session;
  };
  return { project, annotator, a: await open(), b: await open() };
}

async function stored(db: FieldlabelDb): Promise<[string, string, string[]][]> {
  const rows = await db.annotations.orderBy('[projectId+taskId+annotatorId]').toArray();
  return rows.map((row) => [row.taskId, row.status, row.value]);
}

describe('two tabs of one project', () => {
  it('undo in one tab never takes back a label the other tab stored since, but still its own newest one', async () => {
    const db = freshDb();
    const { a, b } = await twoTabs(db, 3);
    await a.perform({ kind: 'label', label: 'Positive' });
    await a.perform({ kind: 'label', label: 'Positive' });
    // B, on t0, steps to t1 and labels it again.
    await b.perform({ kind: 'next' });
    await b.perform({ kind: 'label', label: 'Negative' });

    await a.perform({ kind: 'undo' });
    expect(a.notice).toBe(CHANGED_ELSEWHERE);
    expect(a.task?.id).toBe('t1');
    expect(a.annotation).toMatchObject({ status: 'labelled', value: ['Negative'] });
    expect(await stored(db)).toEqual([
      ['t0', 'labelled', ['Positive']],
      ['t1', 'labelled', ['Negative']],
    ]);

    await a.perform({ kind: 'undo' });
    expect(a.notice).toBeNull();
    expect(a.task?.id).toBe('t0');
    expect(await stored(db)).toEqual([
      ['t0', 'retracted', []],
      ['t1', 'labelled', ['Negative']],
    ]);
  });

  it('a refresh reads the counts, the shown task\'s label and the next open task as the other tab left them', async () => {
    const db = freshDb();
    const { a, b } = await twoTabs(db, 4);
    expect(a.task?.id).toBe('t0');
    await b.perform({ kind: 'label', label: 'Negative' });
    await b.perform({ kind: 'label', label: 'Negative' });

    await a.refresh();
    expect(a.progress).toEqual({ total: 4, labelled: 2, skipped: 0 });
    expect(a.task?.id).toBe('t0');
    expect(a.annotation).toMatchObject({ status: 'labelled', value: ['Negative'] });
    // Changing t0's label moves on past t1, which B labelled after A had read it as open.
    await a.perform({ kind: 'label', label: 'Positive' });
    expect(a.task?.id).toBe('t2');
    expect(a.progress).toEqual({ total: 4, labelled: 2, skipped: 0 });
    // Undo restores B's label, the one A's label replaced.
    await a.perform({ kind: 'undo' });
    expect(await stored(db)).toEqual([
      ['t0', 'labelled', ['Negative']],
      ['t1', 'labelled', ['Negative']],
    ]);
  });

  it('a refresh that finds the shown task unchanged keeps the selection being made', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'multi' });
    await addTasks(db, project.id, 2);
    const session = new ClassificationSession(db, project, await getOrCreateLocalAnnotator(db));
    await session.open();
    await session.perform({ kind: 'label', label: 'Neutral' });
    await session.refresh();
    expect(session.selection).toEqual(['Neutral']);
  });
});
