// Putting back what the second copy (lib/storage/copy-format.ts) holds and the database lost: the annotator, the
// projects (without their tasks, which the copy does not keep) and the annotator's labels, merged by the rules label
// files follow, so restoring twice, or restoring what the database still has, changes nothing.
import type { FieldlabelDb } from './database';
import type { LocalAnnotator, ProjectRow } from './rows';
import { applyIncoming } from './sync-queries';
import type { SyncAnnotation } from '../sync/types';
import type { BundleProject } from '../sync/bundle-types';

const ANNOTATOR_KEY = 'localAnnotator';

export interface RecoveredCopy {
  annotator: { id: string; name: string; deviceId: string };
  /** Projects to create when the database lacks them. */
  projects: BundleProject[];
  annotations: SyncAnnotation[];
  /** The highest revision the copy shows: new labels must get higher ones, or a merge would put them behind. */
  topRevision: number;
}

export interface RestoreOutcome {
  /** Labels written (new, or newer than the database's). */
  restored: number;
  /** Of those, labels of tasks the project does not have now: kept apart until a bundle brings the tasks. */
  keptApart: number;
  createdProjects: string[];
}

export async function restoreCopy(db: FieldlabelDb, copy: RecoveredCopy, now = Date.now()): Promise<RestoreOutcome> {
  return db.transaction('rw', [db.settings, db.projects, db.tasks, db.annotations, db.heldAnnotations, db.annotators], async () => {
    const stored = (await db.settings.get(ANNOTATOR_KEY))?.value as LocalAnnotator | undefined;
    const annotator: LocalAnnotator = stored ?? { ...copy.annotator, revision: 0 };
    await db.settings.put({ key: ANNOTATOR_KEY, value: { ...annotator, revision: Math.max(annotator.revision, copy.topRevision) } });
    await db.annotators.put({ id: annotator.id, name: annotator.name, lastSeenAt: now });

    const createdProjects: string[] = [];
    for (const project of copy.projects) {
      if (await db.projects.get(project.id)) continue;
      const row: ProjectRow = { ...project, createdAt: now, updatedAt: now, lastOpenedAt: now, nextSeq: 0, cursorSeq: 0 };
      await db.projects.add(row);
      createdProjects.push(project.name);
    }

    const byProject = new Map<string, SyncAnnotation[]>();
    for (const a of copy.annotations) {
      const list = byProject.get(a.projectId);
      if (list) list.push(a);
      else byProject.set(a.projectId, [a]);
    }
    let restored = 0;
    let keptApart = 0;
    for (const [projectId, annotations] of byProject) {
      // A project deleted on purpose is not in the copy's project list, and stays deleted.
      if (!(await db.projects.get(projectId))) continue;
      const plan = await applyIncoming(db, projectId, annotations);
      restored += plan.labels.added.length + plan.labels.updated.length + plan.held.added.length + plan.held.updated.length;
      keptApart += plan.held.added.length + plan.held.updated.length;
    }
    return { restored, keptApart, createdProjects };
  });
}
