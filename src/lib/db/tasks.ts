import type { FieldlabelDb } from './database';
import type { AnnotationRow, TaskRow } from './rows';

export async function countTasks(db: FieldlabelDb, projectId: string): Promise<number> {
  return db.tasks.where('projectId').equals(projectId).count();
}

export async function getTaskAt(db: FieldlabelDb, projectId: string, seq: number): Promise<TaskRow | undefined> {
  return db.tasks.where('[projectId+seq]').equals([projectId, seq]).first();
}

/** A task is open for an annotator until they labelled or skipped it (an undone label opens it again). */
export function isDone(annotation: AnnotationRow | undefined): boolean {
  return annotation !== undefined && annotation.status !== 'retracted';
}

/** The next task is usually open, so the scan starts with a few reads and widens only over finished runs. */
const FIRST_SCAN_PAGE = 4;
const MAX_SCAN_PAGE = 256;

/**
 * The first task at or after `fromSeq` (in import order) that the annotator has not done, wrapping around to
 * the start once. Reads tasks a page at a time (pages grow) and checks their annotations with one bulk get per
 * page, so a long run of finished tasks costs a few reads, not one per task.
 */
export async function findOpenTask(
  db: FieldlabelDb,
  projectId: string,
  annotatorId: string,
  fromSeq: number,
): Promise<TaskRow | undefined> {
  const ranges: [number, number][] = [
    [fromSeq, Number.MAX_SAFE_INTEGER],
    [0, fromSeq - 1],
  ];
  for (const [low, high] of ranges) {
    if (high < low) continue;
    let cursor = low;
    let pageSize = FIRST_SCAN_PAGE;
    for (;;) {
      const page = await db.tasks
        .where('[projectId+seq]')
        .between([projectId, cursor], [projectId, high], true, true)
        .limit(pageSize)
        .toArray();
      if (page.length === 0) break;
      const annotations = await db.annotations.bulkGet(page.map((t) => [projectId, t.id, annotatorId]));
      const index = annotations.findIndex((a) => !isDone(a));
      if (index !== -1) return page[index];
      const last = page[page.length - 1] as TaskRow;
      cursor = last.seq + 1;
      if (page.length < pageSize) break;
      pageSize = Math.min(MAX_SCAN_PAGE, pageSize * 4);
    }
  }
  return undefined;
}
