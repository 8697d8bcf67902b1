// A compare project's rubric, changed after the project was made. The rubric is not indexed, so changing it needs no
// schema version: the row is rewritten in one transaction.
import { DEFAULT_RUBRIC, hiddenShareProblem, type Rubric } from '../domain/compare';
import type { FieldlabelDb } from './database';

/** Sets the share of tasks whose suggestion is hidden (the anchoring check); the rubric as stored after. */
export async function saveHiddenSuggestionShare(db: FieldlabelDb, projectId: string, share: number, now = Date.now()): Promise<Rubric> {
  const problem = hiddenShareProblem(share);
  if (problem !== null) throw new Error(problem);
  return db.transaction('rw', db.projects, async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('This project is not on this device any more.');
    if (project.taskType !== 'compare') throw new Error(`"${project.name}" does not compare responses: it has no hidden share.`);
    const rubric = { ...(project.rubric ?? DEFAULT_RUBRIC), hiddenSuggestionShare: share };
    await db.projects.update(projectId, { rubric, updatedAt: now });
    return rubric;
  });
}

/** The rubric as stored now (another tab may have changed it); null for a project gone or of another type. */
export async function storedRubric(db: FieldlabelDb, projectId: string): Promise<Rubric | null> {
  return (await db.projects.get(projectId))?.rubric ?? null;
}
