// Typed factories for unit tests: a fresh database per test, projects and tasks in one line each.
import { FieldlabelDb } from '../../../src/lib/db/database';
import { beginImport, finishImport, loadTaskIds, writeTaskBatch } from '../../../src/lib/db/imports';
import { createProject } from '../../../src/lib/db/projects';
import type { ProjectRow, TaskType } from '../../../src/lib/db/rows';
import { parseLabelLines } from '../../../src/lib/labels/labelset';

let counter = 0;

export function freshDb(durability: 'strict' | 'relaxed' = 'strict'): FieldlabelDb {
  counter += 1;
  return new FieldlabelDb(durability, `unit-${counter}-${Math.random().toString(36).slice(2)}`);
}

export async function makeProject(
  db: FieldlabelDb,
  options: { name?: string; taskType?: TaskType; labels?: string } = {},
): Promise<ProjectRow> {
  const parsed = parseLabelLines(options.labels ?? 'Positive\nNegative\nNeutral');
  if (!parsed.ok) throw new Error('bad labels in test');
  return createProject(db, { name: options.name ?? 'Reviews', taskType: options.taskType ?? 'single', labels: parsed.labels }, 1_000);
}

/** Adds tasks `t0..t{n-1}` (ids) with texts `text 0..` through the real import path. */
export async function addTasks(db: FieldlabelDb, projectId: string, count: number, prefix = 't'): Promise<void> {
  const run = await beginImport(db, projectId, 'factory.jsonl', 'jsonl');
  const tasks = Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, text: `text ${i}`, meta: {}, line: i + 1, idFromFile: true }));
  await writeTaskBatch(db, run.id, tasks, [], await loadTaskIds(db, projectId));
  await finishImport(db, run.id);
}
