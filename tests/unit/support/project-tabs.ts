// Tabs of one browser with one project open: ProjectSessions over one database, one lock manager and one change
// channel, as the app makes them. Tests close them after each case with closeTabs().
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import type { LocalAnnotator, ProjectRow } from '../../../src/lib/db/rows';
import { ProjectSessions, type ProjectModel } from '../../../src/lib/state/project-sessions';
import { FakeLocks } from './fake-locks';

/** A model that never suggests: the sessions' own behaviour, with nothing of the model's in the way. */
export const silentModel = (): ProjectModel => ({ suggest: async () => null, nextOpenSeq: async () => null, record: () => undefined, open: async () => undefined });

const opened: ProjectSessions<ProjectModel>[] = [];

/** Opens `sessions` and keeps it for closeTabs. */
export async function openTab(sessions: ProjectSessions<ProjectModel>): Promise<ProjectSessions<ProjectModel>> {
  opened.push(sessions);
  await sessions.open();
  return sessions;
}

export async function closeTabs(): Promise<void> {
  await Promise.all(opened.splice(0).map((tab) => tab.close()));
}

/** `tab()` opens the project in one more tab of the same browser. */
export async function browserWith(db: FieldlabelDb, project: ProjectRow): Promise<{ annotator: LocalAnnotator; tab: () => Promise<ProjectSessions<ProjectModel>> }> {
  const annotator = await getOrCreateLocalAnnotator(db);
  const locks = new FakeLocks();
  const channel = `changes-${Math.random()}`;
  const tab = () => openTab(new ProjectSessions(db, project, annotator, silentModel(), locks, new BroadcastChannel(channel)));
  return { annotator, tab };
}
