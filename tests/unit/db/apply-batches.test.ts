// Applying a large merge a batch per transaction: a label is never held behind the whole merge, a merge cut off between
// or inside batches leaves a database that keeps every merge rule and that applying the same files again completes,
// and what was written meanwhile is never replaced by an older version.
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import { heldAnnotations } from '../../../src/lib/db/held';
import type { ProjectRow } from '../../../src/lib/db/rows';
import { applyBundle, applyIncoming, bundleContents, projectAnnotations } from '../../../src/lib/db/sync-queries';
import { toAnnotationRow } from '../../../src/lib/db/sync-rows';
import { compareIdentity, compareVersions, mergeAll } from '../../../src/lib/sync/merge';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { syncAnnotation } from '../sync/factories';
import { addTasks, freshDb, makeProject } from '../support/factories';
import { countRowsPerTransaction } from '../support/rows-per-transaction';

const TASKS = 6_000;
let counting: ReturnType<typeof countRowsPerTransaction> | null = null;
afterEach(() => counting?.stop());

async function setUp(): Promise<{ db: FieldlabelDb; project: ProjectRow }> {
  const db = freshDb();
  const project = await makeProject(db, { labels: 'Yes\nNo' });
  await addTasks(db, project.id, TASKS);
  return { db, project };
}

/** Two annotators on every task, and a few of tasks the project does not have: 12,000 + 300 rows to write. */
function incoming(projectId: string, revision = 5): SyncAnnotation[] {
  const on = (prefix: string, n: number, annotatorId: string) =>
    Array.from({ length: n }, (_, i) =>
      syncAnnotation({ projectId, taskId: `${prefix}${i}`, annotatorId, annotatorName: annotatorId, value: ['Yes'], revision, updatedAt: 1_000 + revision, deviceId: `dev-${annotatorId}` }),
    );
  return [...on('t', TASKS, 'ada'), ...on('t', TASKS, 'bo'), ...on('ghost', 300, 'ada')];
}

async function everything(db: FieldlabelDb, projectId: string): Promise<{ labels: SyncAnnotation[]; held: SyncAnnotation[] }> {
  return { labels: mergeAll([await projectAnnotations(db, projectId)]), held: mergeAll([await heldAnnotations(db, projectId)]) };
}

// Each test writes 12,000 rows into fake-indexeddb, the cut-off one twice: many seconds on a loaded machine.
describe('applying label files a batch per transaction', { timeout: 90_000 }, () => {
  it('writes in several transactions, none holding the tables for the whole merge', async () => {
    const { db, project } = await setUp();
    const batches: [number, number][] = [];
    await applyIncoming(db, project.id, incoming(project.id), (written, total) => batches.push([written, total]));
    expect(batches.length).toBeGreaterThan(2);
    expect(batches.at(-1)).toEqual([12_300, 12_300]);
    expect(await db.annotations.count()).toBe(12_000);
    expect(await db.heldAnnotations.count()).toBe(300);
  });

  it('cut off inside a batch: earlier batches stay, that batch is not half written, and applying again completes it', async () => {
    const { db, project } = await setUp();
    // Some labels are here already, one older and one newer than what arrives.
    const older = syncAnnotation({ projectId: project.id, taskId: 't1', annotatorId: 'ada', annotatorName: 'ada', value: ['No'], revision: 1, deviceId: 'dev-ada' });
    const newer = syncAnnotation({ projectId: project.id, taskId: 't2', annotatorId: 'ada', annotatorName: 'ada', value: ['No'], revision: 9, deviceId: 'dev-ada' });
    await applyIncoming(db, project.id, [older, newer]);
    const before = await everything(db, project.id);

    // A crash in the middle of the second batch: the row that fails aborts its transaction.
    let created = 0;
    const failing = () => {
      if (++created === 7_500) throw new Error('power cut');
    };
    db.annotations.hook('creating', failing);
    const files = incoming(project.id);
    await expect(applyIncoming(db, project.id, files)).rejects.toThrow('power cut');
    db.annotations.hook('creating').unsubscribe(failing);

    expect(created).toBe(7_500);
    const cut = await everything(db, project.id);
    // Batches go in identity order: the first 5,000 identities are written, none of the second batch is.
    const stored = new Map(cut.labels.map((a) => [`${a.taskId}/${a.annotatorId}`, a]));
    // (t2 of ada is not written at all: what is here is newer.)
    const order = files.filter((a) => a.taskId.startsWith('t') && !(a.taskId === 't2' && a.annotatorId === 'ada')).sort(compareIdentity);
    order.forEach((a, i) => {
      expect(stored.get(`${a.taskId}/${a.annotatorId}`)?.revision === a.revision).toBe(i < 5_000);
    });
    // Every row is the newest of what it held and what arrived; none is in both sets.
    const arriving = new Map(files.map((a) => [`${a.taskId}/${a.annotatorId}`, a]));
    for (const row of cut.labels) {
      const was = before.labels.find((a) => a.taskId === row.taskId && a.annotatorId === row.annotatorId);
      const came = arriving.get(`${row.taskId}/${row.annotatorId}`);
      expect([was, came].filter((a) => a !== undefined)).toContainEqual(row);
      if (was && came) expect(row).toEqual(compareVersions(was, came) > 0 ? was : came);
    }
    const labelIds = new Set(cut.labels.map((a) => `${a.taskId}/${a.annotatorId}`));
    expect(cut.held.filter((a) => labelIds.has(`${a.taskId}/${a.annotatorId}`))).toEqual([]);

    await applyIncoming(db, project.id, files);
    const whole = freshDb();
    await addTasks(whole, (await makeProject(whole, { labels: 'Yes\nNo' })).id, TASKS);
    const wholeProject = (await whole.projects.toArray())[0] as ProjectRow;
    await applyIncoming(whole, wholeProject.id, [older, newer].map((a) => ({ ...a, projectId: wholeProject.id })));
    await applyIncoming(whole, wholeProject.id, incoming(wholeProject.id));
    const strip = (s: { labels: SyncAnnotation[]; held: SyncAnnotation[] }) => ({ labels: s.labels.map(({ projectId: _, ...a }) => a), held: s.held.map(({ projectId: _, ...a }) => a) });
    expect(strip(await everything(db, project.id))).toEqual(strip(await everything(whole, wholeProject.id)));
    expect((await everything(db, project.id)).labels.find((a) => a.taskId === 't2' && a.annotatorId === 'ada')?.revision).toBe(9);
  });

  it('never replaces a label written between batches with an older version', async () => {
    const { db, project } = await setUp();
    const late = syncAnnotation({ projectId: project.id, taskId: `t${TASKS - 1}`, annotatorId: 'bo', annotatorName: 'bo', value: ['No'], revision: 50, deviceId: 'dev-bo' });
    let wrote = false;
    await applyIncoming(db, project.id, incoming(project.id), () => {
      if (wrote) return;
      wrote = true;
      void db.annotations.put(toAnnotationRow(late));
    });
    const stored = await db.annotations.get([project.id, late.taskId, 'bo']);
    expect(stored).toMatchObject({ revision: 50, value: ['No'] });
  });

  it('reads the labels a page of at most 1,000 rows per transaction', async () => {
    const { db, project } = await setUp();
    await applyIncoming(db, project.id, incoming(project.id));
    counting = countRowsPerTransaction();
    expect(await projectAnnotations(db, project.id)).toHaveLength(12_000);
    expect(await heldAnnotations(db, project.id)).toHaveLength(300);
    const annotationReads = counting.transactions.filter((t) => t.stores.includes('annotations') || t.stores.includes('heldAnnotations'));
    expect(annotationReads.length).toBeGreaterThanOrEqual(13);
    expect(Math.max(...annotationReads.map((t) => t.rows))).toBeLessThanOrEqual(1_000);
  });

  it('opening a bundle with labels reads the project\'s tasks once', async () => {
    const { db, project } = await setUp();
    const { project: shape, tasks } = await bundleContents(db, project.id);
    const labels = { fileName: 'b.zip: annotations.labels.jsonl', header: { version: 1, projectId: project.id, annotator: { id: 'c', name: 'C' }, deviceId: 'd', createdAt: 1, scope: 'full' as const, sinceRevision: null, count: 0, checksum: '' }, annotations: incoming(project.id).slice(0, TASKS), lines: [] };
    counting = countRowsPerTransaction();
    await applyBundle(db, { project: shape, createdBy: { id: 'c', name: 'C' }, createdAt: 5, tasks, labels, model: {} });
    // Rows handed out by the bundle's transaction: the tasks once, and the two annotators' names.
    const rows = counting.transactions.filter((t) => t.stores.includes('tasks')).reduce((sum, t) => sum + t.rows, 0);
    counting.stop();
    expect(rows).toBeLessThan(2 * TASKS);
    expect(await db.annotations.count()).toBe(TASKS);
  });
});
