import { describe, expect, it } from 'vitest';
import { FieldlabelDb } from '../../../src/lib/db/database';
import { createReleasedDatabase, RELEASED_VERSIONS, rowsWrittenBy, type ReleasedVersion, type Tables } from './released-schemas';

const CURRENT_VERSION = 5;
const TABLES = ['annotations', 'annotators', 'embeddings', 'heldAnnotations', 'imports', 'learning', 'models', 'prelabels', 'projects', 'settings', 'tasks'];

/** Annotations that version 5 moves apart: of a task the project lacks, or with a value that is no label of it. */
const MOVED_APART = ['p1/b/bo', 'p1/ghost/bo', 'p3/n/bo'];

const annotationKey = (row: Record<string, unknown>) => `${row.projectId}/${row.taskId}/${row.annotatorId}`;

/** Every row of the old database, with the fields added since its version at their defaults, in the table it belongs in now. */
function expectedAfterUpgrade(version: ReleasedVersion, written: Tables, upgradedAt: unknown): Tables {
  const annotations = (written.annotations ?? []).map((row) => ({
    ...row,
    ...(version < 2 ? { suggestion: null, suggestionOutcome: null } : {}),
    ...(version < 3 ? { role: 'label' } : {}),
  }));
  return {
    ...Object.fromEntries(TABLES.map((table) => [table, written[table] ?? []])),
    projects: (written.projects ?? []).map((row) => ({
      ...row,
      ...(version < 2 ? { strategy: 'sequential' } : {}),
      ...(version < 4 ? { allowOverlap: false } : {}),
    })),
    annotations: annotations.filter((row) => !MOVED_APART.includes(annotationKey(row))),
    heldAnnotations: annotations.filter((row) => MOVED_APART.includes(annotationKey(row))),
    // Version 3 remembered the local annotator among the annotators on this device.
    annotators: version < 3 ? [{ id: 'mo', name: 'Mo', lastSeenAt: upgradedAt }] : (written.annotators ?? []),
  };
}

/** Rows in primary-key order, whatever order they were written or read in. */
function inKeyOrder(db: FieldlabelDb, table: string, rows: readonly unknown[]): unknown[] {
  const keyPath = db.table(table).schema.primKey.keyPath as string | string[];
  const key = (row: Record<string, unknown>) => (Array.isArray(keyPath) ? keyPath.map((k) => row[k]) : [row[keyPath]]).join('\u0000');
  return (rows as Record<string, unknown>[]).slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('opening a database of every released version upgrades it to the current one', () => {
  it.each(RELEASED_VERSIONS)('version %i: every row is kept, fields added since are at their defaults, annotations that can be no label move apart', async (version) => {
    const name = `upgrade-v${version}-${Math.random()}`;
    const written = rowsWrittenBy(version);
    await createReleasedDatabase(name, version, written);
    const before = Date.now();
    const db = new FieldlabelDb('strict', name);
    await db.open();
    const after = Date.now();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(TABLES);

    const expected = expectedAfterUpgrade(version, written, expect.any(Number));
    for (const table of TABLES) {
      expect(inKeyOrder(db, table, await db.table(table).toArray()), table).toEqual(inKeyOrder(db, table, expected[table] ?? []));
    }
    if (version < 3) {
      const { lastSeenAt } = (await db.annotators.get('mo')) as { lastSeenAt: number };
      expect(lastSeenAt).toBeGreaterThanOrEqual(before);
      expect(lastSeenAt).toBeLessThanOrEqual(after);
    }
    db.close();
  });

  it.each(RELEASED_VERSIONS)('version %i: the indexes of today answer on the upgraded rows', async (version) => {
    const name = `upgrade-indexes-v${version}-${Math.random()}`;
    await createReleasedDatabase(name, version, rowsWrittenBy(version));
    const db = new FieldlabelDb('strict', name);
    await db.open();
    expect(db.tasks.schema.indexes.map((i) => i.name)).toEqual(['[projectId+seq]']);
    expect(await db.tasks.where('[projectId+seq]').equals(['p1', 1]).first()).toMatchObject({ id: 'b', meta: { source: 'web', stars: 4 } });
    expect((await db.projects.orderBy('lastOpenedAt').toArray()).map((p) => p.id)).toEqual(version >= 4 ? ['p1', 'p2', 'p3'] : ['p1', 'p2']);
    expect(await db.annotations.where('[projectId+annotatorId+status]').equals(['p1', 'mo', 'labelled']).count()).toBe(1);
    expect(await db.heldAnnotations.where('[projectId+taskId]').equals(['p1', 'ghost']).count()).toBe(version >= 3 ? 1 : 0);
    expect(await db.imports.where('status').equals('interrupted').count()).toBe(1);
    db.close();
  });

  it('creates the current schema from scratch', async () => {
    const db = new FieldlabelDb('strict', `fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(TABLES);
    for (const table of TABLES) expect(await db.table(table).count(), table).toBe(0);
    db.close();
  });
});
