// Compare projects and tasks for the session's tests: the tasks go in through the real import path, then get their
// conversation and responses, as the compare import stores them.
import { createProject } from '../../../../src/lib/db/projects';
import type { FieldlabelDb } from '../../../../src/lib/db/database';
import type { ProjectRow } from '../../../../src/lib/db/rows';
import type { Rubric } from '../../../../src/lib/domain/compare';
import { addTasks } from '../../support/factories';

export function makeCompareProject(db: FieldlabelDb, rubric?: Rubric): Promise<ProjectRow> {
  return createProject(db, { name: 'Replies', taskType: 'compare', labels: [], ...(rubric ? { rubric } : {}) }, 1_000);
}

/** Tasks c0..c{n-1}, each a question with `responses` answers whose ids are r0, r1, … */
export async function addCompareTasks(db: FieldlabelDb, projectId: string, count: number, responses = 2): Promise<void> {
  await addTasks(db, projectId, count, 'c');
  await db.tasks.where('projectId').equals(projectId).modify((task) => {
    task.compare = {
      messages: [{ role: 'user', content: `question ${task.seq}` }],
      responses: Array.from({ length: responses }, (_, i) => ({ id: `r${i}`, text: `answer ${i} to ${task.seq}` })),
    };
  });
}
