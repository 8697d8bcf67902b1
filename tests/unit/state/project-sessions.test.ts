// Two tabs with one project open are two ProjectSessions over one database, one lock manager and one change channel.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getOrCreateLocalAnnotator, putSetting } from '../../../src/lib/db/annotator';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import type { TaskType } from '../../../src/lib/domain/types';
import { NOT_HERE } from '../../../src/lib/state/project-lock.svelte';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { canAnnotate } from '../../../src/lib/state/tasks/registry';
import { SpanSession } from '../../../src/lib/state/tasks/spans/session.svelte';
import { ProjectSessions } from '../../../src/lib/state/project-sessions';
import { FakeLocks } from '../support/fake-locks';
import { browserWith, closeTabs, silentModel } from '../support/project-tabs';
import { addTasks, freshDb, makeProject } from '../support/factories';

afterEach(async () => {
  vi.useRealTimers();
  await closeTabs();
});

async function browser(tasks: number) {
  const db = freshDb();
  const project = await makeProject(db);
  await addTasks(db, project.id, tasks);
  return { db, project, ...(await browserWith(db, project)) };
}

async function stored(db: FieldlabelDb): Promise<[string, string[]][]> {
  return (await db.annotations.orderBy('[projectId+taskId+annotatorId]').toArray()).map((row) => [row.taskId, row.value]);
}

describe('ProjectSessions in two tabs', () => {
  it('the second tab writes nothing, follows the first, and takes over once the first stored its last label', async () => {
    const { db, tab } = await browser(4);
    const a = await tab();
    const b = await tab();
    expect([a.lock.state, b.lock.state]).toEqual(['held', 'elsewhere']);

    await a.annotate!.perform({ kind: 'label', label: 'Positive' });
    await vi.waitFor(() => expect(b.annotate!.progress.labelled).toBe(1));

    // Nothing B asks to write gets stored: a label, a final label on Review.
    await b.annotate!.perform({ kind: 'label', label: 'Negative' });
    expect(b.annotate!.notice).toContain(NOT_HERE);
    await b.review.resolve('t0', ['Negative']);
    expect(b.review.problem).toContain(NOT_HERE);
    expect(await stored(db)).toEqual([['t0', ['Positive']]]);

    // A's last keys are still on their way when B takes over (queued behind a step to the next task, then committing
    // or waiting behind a commit): they are stored first, and B reads them before labelling.
    const last = [a.annotate!.perform({ kind: 'next' }), ...[1, 2, 3].map(() => a.annotate!.perform({ kind: 'label', label: 'Positive' }))];
    await b.lock.takeOver();
    expect([a.lock.state, b.lock.state]).toEqual(['taken', 'held']);
    await Promise.all(last);
    expect(a.annotate!.notice).toBeNull();
    expect(b.annotate!.progress.labelled).toBe(4);
    expect(b.annotate!.task?.id).toBe('t0');

    await b.annotate!.perform({ kind: 'next' });
    await b.annotate!.perform({ kind: 'label', label: 'Negative' });
    await vi.waitFor(() => expect(a.annotate!.progress.labelled).toBe(4));
    expect(await stored(db)).toEqual([
      ['t0', ['Positive']],
      ['t1', ['Negative']],
      ['t2', ['Positive']],
      ['t3', ['Positive']],
    ]);
    await b.review.resolve('t1', ['Neutral']);
    expect(b.review.problem).toBeNull();
  });

  it('the folder is synced every five minutes only by the tab that holds the project, and that moves with it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { db, project, tab } = await browser(2);
    // A folder chosen earlier (what restore() finds); the syncs themselves are only counted here.
    await putSetting(db, `syncFolder:${project.id}`, { name: 'usb-stick' });
    const a = await tab();
    const b = await tab();
    const synced = { a: vi.spyOn(a.folder, 'syncNow').mockResolvedValue(), b: vi.spyOn(b.folder, 'syncNow').mockResolvedValue() };
    await vi.waitFor(() => expect(a.folder.folderName).toBe('usb-stick'));
    vi.advanceTimersByTime(5 * 60_000);
    expect([synced.a.mock.calls.length, synced.b.mock.calls.length]).toEqual([1, 0]);

    await b.lock.takeOver();
    await vi.waitFor(() => expect(b.folder.folderName).toBe('usb-stick'));
    vi.advanceTimersByTime(5 * 60_000);
    expect([synced.a.mock.calls.length, synced.b.mock.calls.length]).toEqual([1, 1]);
  });

  it('a tab leaving the project lets the next one have it; opening it again in the same tab finds it free', async () => {
    const { tab } = await browser(2);
    const a = await tab();
    const leaving = a.close();
    const again = await tab();
    await leaving;
    expect(again.lock.state).toBe('held');
    const b = await tab();
    expect(b.lock.state).toBe('elsewhere');
  });
});

describe('ProjectSessions.open', () => {
  it('finds no project under an unknown id: null, and no model is made for it', async () => {
    const db = freshDb();
    const makeModel = vi.fn(silentModel);
    const sessions = await ProjectSessions.open(db, 'gone', await getOrCreateLocalAnnotator(db), makeModel, { locks: new FakeLocks() });
    expect(sessions).toBeNull();
    expect(makeModel).not.toHaveBeenCalled();
    expect(await db.projects.count()).toBe(0);
  });

  it('reads the project, marks it opened, and starts labelling in the session of its task type', async () => {
    const db = freshDb();
    const annotator = await getOrCreateLocalAnnotator(db);
    const locks = new FakeLocks();
    const spans = await makeProject(db, { name: 'Names', taskType: 'spans', labels: 'PER' });
    const single = await makeProject(db, { name: 'Reviews' });
    await addTasks(db, single.id, 2);
    const makeModel = vi.fn(silentModel);
    const sessions = (await ProjectSessions.open(db, single.id, annotator, makeModel, { locks }))!;
    // Labelling is under way; open() answers with that same opening.
    await sessions.open();
    expect(sessions.project).toMatchObject({ id: single.id, name: 'Reviews' });
    expect(sessions.annotate!).toBeInstanceOf(ClassificationSession);
    expect(sessions.lock.state).toBe('held');
    expect(sessions.annotate!.task?.id).toBe('t0');
    expect((await db.projects.get(single.id))?.lastOpenedAt).toBeGreaterThan(1_000);
    expect(makeModel).toHaveBeenCalledTimes(1);

    const spanSessions = await ProjectSessions.open(db, spans.id, annotator, silentModel, { locks });
    expect(spanSessions?.annotate).toBeInstanceOf(SpanSession);
    await Promise.all([sessions.close(), spanSessions?.close()]);

    // Closed, the project is free for the next tab to open.
    const again = await ProjectSessions.open(db, single.id, annotator, silentModel, { locks });
    await again?.open();
    expect(again?.lock.state).toBe('held');
    await again?.close();
  });

  // Every type of this version has a screen; a project stored by a later version (with a type this one does not
  // have) stands for a type without one.
  it('refuses a project whose task type has no annotate screen in this version, naming it', async () => {
    const type = 'audio-clips' as TaskType;
    expect(canAnnotate(type)).toBe(false);
    const db = freshDb();
    const project = await makeProject(db, { name: 'Chatbot answers' });
    await db.projects.put({ ...project, taskType: type });
    const makeModel = vi.fn(silentModel);
    await expect(ProjectSessions.open(db, project.id, await getOrCreateLocalAnnotator(db), makeModel, { locks: new FakeLocks() })).rejects.toThrow(
      `"Chatbot answers" is a project of a kind this version of fieldlabel cannot open (${type}).`,
    );
    expect(makeModel).not.toHaveBeenCalled();
  });
});
