// A compare project's sessions in two tabs: the compare session judges, through the same lock and change feed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../../src/lib/db/annotator';
import { DEFAULT_RUBRIC } from '../../../../src/lib/domain/compare';
import { hidesSuggestion } from '../../../../src/lib/state/annotator-seed';
import { NOT_HERE } from '../../../../src/lib/state/project-lock.svelte';
import { ProjectSessions, type ProjectModel } from '../../../../src/lib/state/project-sessions';
import { CompareSession } from '../../../../src/lib/state/tasks/compare/session.svelte';
import { FakeLocks } from '../../support/fake-locks';
import { browserWith, closeTabs, openTab, silentModel } from '../../support/project-tabs';
import { freshDb } from '../../support/factories';
import { addCompareTasks, makeCompareProject } from './compare-factories';

afterEach(closeTabs);

describe('ProjectSessions of a compare project', () => {
  it('judges in the compare session the registry gives it; the other tab writes nothing and follows the counts', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db);
    await addCompareTasks(db, project.id, 3);
    const { tab } = await browserWith(db, project);
    const a = await tab();
    const b = await tab();
    const [judgeA, judgeB] = [a.annotate, b.annotate] as CompareSession[];
    expect(a.annotate).toBeInstanceOf(CompareSession);
    expect(judgeA!.task?.id).toBe('c0');
    await judgeA!.perform({ kind: 'prefer', position: 0 }, { tap: true });
    expect(a.progress.labelled).toBe(1);
    await vi.waitFor(() => expect(b.progress.labelled).toBe(1));

    await judgeB!.perform({ kind: 'both-bad' }, { tap: true });
    expect(judgeB!.notice).toContain(NOT_HERE);
    expect((await db.annotations.toArray()).map((row) => row.taskId)).toEqual(['c0']);
  });

  it('gives the compare session the project’s model, whose preferred response is pre-selected', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db, { ...DEFAULT_RUBRIC, hiddenSuggestionShare: 0 });
    await addCompareTasks(db, project.id, 2);
    const reward: ProjectModel = {
      ...silentModel(),
      suggest: async (taskId) => ({ taskId, value: ['r0'], confidence: 0.93, scores: [], modelVersion: 'reward@1' }),
    };
    const sessions = await openTab(new ProjectSessions(db, project, await getOrCreateLocalAnnotator(db), reward, new FakeLocks()));
    const judge = sessions.annotate as CompareSession;
    await vi.waitFor(() => expect(judge.draft.preference).toEqual({ kind: 'better', id: 'r0' }));
    expect(judge.suggestion).toMatchObject({ value: ['r0'], confidence: 0.93 });
  });

  it('hides suggestions on the new share from the next task on once the setting changes; decided and shown tasks keep theirs', async () => {
    const db = freshDb();
    const project = await makeCompareProject(db, { ...DEFAULT_RUBRIC, hiddenSuggestionShare: 0 });
    await addCompareTasks(db, project.id, 24);
    // A fixed annotator id, so which tasks the seeded share hides is the same on every run.
    await db.settings.put({ key: 'localAnnotator', value: { id: 'ann-fixed', name: 'Ada', deviceId: 'dev-1', revision: 0 } });
    const annotator = await getOrCreateLocalAnnotator(db);
    const reward: ProjectModel = { ...silentModel(), suggest: async (taskId) => ({ taskId, value: ['r0'], confidence: 0.7, scores: [], modelVersion: 'reward@1' }) };
    const sessions = await openTab(new ProjectSessions(db, project, annotator, reward, new FakeLocks()));
    const judge = sessions.annotate as CompareSession;
    const judgeShown = async () => {
      const task = judge.task?.id as string;
      await judge.nextPrepared();
      await judge.perform({ kind: 'prefer', position: 1 }, { tap: true });
      return task;
    };
    const first = await judgeShown();
    await sessions.settings.setHiddenShare(0.5);
    expect(sessions.settings.hiddenShare).toBe(0.5);
    expect((await db.projects.get(project.id))?.rubric?.hiddenSuggestionShare).toBe(0.5);
    const rest: string[] = [];
    for (let i = 1; i < 24; i++) rest.push(await judgeShown());
    await judge.settled();
    const hiddenOf = async (taskId: string) => (await db.annotations.get([project.id, taskId, annotator.id]))?.suggestion?.hidden === true;
    expect(await hiddenOf(first)).toBe(false);
    // The task on screen when the share changed had shown its suggestion already; every later one follows the new share.
    const expected = rest.map((taskId, i) => i > 0 && hidesSuggestion(annotator.id, taskId, 0.5));
    expect(await Promise.all(rest.map(hiddenOf))).toEqual(expected);
    // At a half, some of the 23 tasks hide their suggestion and some show it.
    expect(expected).toContain(true);
    expect(expected).toContain(false);
  });
});
