// A compare project's rubric, changed after the project was made. The rubric is not indexed, so changing it needs no
// schema version: the row is rewritten in one transaction. A later bundle may bring a new hidden share.
import { DEFAULT_RUBRIC, hiddenShareProblem, type Rubric } from '../domain/compare';
import type { FieldlabelDb } from './database';
import type { ProjectRow } from './rows';

/** Sets the share of tasks whose suggestion is hidden (the anchoring check); the rubric as stored after. */
export async function saveHiddenSuggestionShare(db: FieldlabelDb, projectId: string, share: number, now = Date.now()): Promise<Rubric> {
  const problem = hiddenShareProblem(share);
  if (problem !== null) throw new Error(problem);
  return db.transaction('rw', db.projects, async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('This project is not on this device any more.');
    if (project.taskType !== 'compare') throw new Error(`"${project.name}" does not compare responses: it has no hidden share.`);
    const rubric = { ...(project.rubric ?? DEFAULT_RUBRIC), hiddenSuggestionShare: share };
    await db.projects.update(projectId, { rubric, hiddenShareSetAt: now, updatedAt: now });
    return rubric;
  });
}

/**
 * What opening a bundle does to the hidden share of a compare project already here: the coordinator changes it in
 * Settings and sends a new bundle, so a bundle made after the share was last set here brings its share; an older one
 * leaves it. Null: nothing to change (another type, no rubric in the bundle, an older bundle, or the same share).
 */
export function hiddenShareFromBundle(project: ProjectRow, bundleRubric: Rubric | undefined, bundleCreatedAt: number): Pick<ProjectRow, 'rubric' | 'hiddenShareSetAt'> | null {
  if (project.taskType !== 'compare' || bundleRubric === undefined) return null;
  if (bundleCreatedAt <= (project.hiddenShareSetAt ?? project.createdAt)) return null;
  const current = project.rubric ?? DEFAULT_RUBRIC;
  if (current.hiddenSuggestionShare === bundleRubric.hiddenSuggestionShare) return null;
  return { rubric: { ...current, hiddenSuggestionShare: bundleRubric.hiddenSuggestionShare }, hiddenShareSetAt: bundleCreatedAt };
}

/** The rubric as stored now (another tab may have changed it); null for a project gone or of another type. */
export async function storedRubric(db: FieldlabelDb, projectId: string): Promise<Rubric | null> {
  return (await db.projects.get(projectId))?.rubric ?? null;
}
