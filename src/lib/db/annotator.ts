import type { PromiseExtended } from 'dexie';
import type { FieldlabelDb } from './database';
import { newId } from './database';
import type { LocalAnnotator } from './rows';

const KEY = 'localAnnotator';

/** The name every device starts with, until its annotator says who they are. */
export const UNNAMED_ANNOTATOR = 'Annotator';

function newLocalAnnotator(): LocalAnnotator {
  return { id: newId(), name: UNNAMED_ANNOTATOR, deviceId: newId(), revision: 0 };
}

/** The local annotator is created on first start with a stable random id; the name can be edited later. */
export async function getOrCreateLocalAnnotator(db: FieldlabelDb): Promise<LocalAnnotator> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(KEY);
    if (row) return row.value as LocalAnnotator;
    const created = newLocalAnnotator();
    await db.settings.put({ key: KEY, value: created });
    return created;
  });
}

export async function renameLocalAnnotator(db: FieldlabelDb, name: string): Promise<LocalAnnotator> {
  const clean = name.trim().slice(0, 80);
  if (clean === '') throw new Error('The annotator name cannot be empty.');
  return db.transaction('rw', db.settings, async () => {
    const current = await getOrCreateLocalAnnotator(db);
    const renamed = { ...current, name: clean };
    await db.settings.put({ key: KEY, value: renamed });
    return renamed;
  });
}

/**
 * Hands out the next `count` revisions (the first is `annotator.revision - count + 1`); call only inside a
 * transaction that includes `settings`. The counter's write is returned beside the bumped annotator, so the caller
 * can issue its own reads alongside it. A Dexie promise chain, not an async function: see writeAnnotations.
 */
export function reserveRevisions(db: FieldlabelDb, count: number): PromiseExtended<{ annotator: LocalAnnotator; stored: PromiseExtended<unknown> }> {
  return db.settings.get(KEY).then((row) => {
    const current = (row?.value as LocalAnnotator | undefined) ?? newLocalAnnotator();
    const annotator = { ...current, revision: current.revision + count };
    return { annotator, stored: db.settings.put({ key: KEY, value: annotator }) };
  });
}

export async function getSetting<T>(db: FieldlabelDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function putSetting(db: FieldlabelDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/** Keeps the names of everyone whose labels are on this device, for review screens and exports. */
export async function rememberAnnotators(db: FieldlabelDb, people: { id: string; name: string }[], now = Date.now()): Promise<void> {
  await db.annotators.bulkPut(people.map(({ id, name }) => ({ id, name, lastSeenAt: now })));
}

export async function annotatorNames(db: FieldlabelDb): Promise<Map<string, string>> {
  return new Map((await db.annotators.toArray()).map((a) => [a.id, a.name]));
}
