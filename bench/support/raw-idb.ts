// The upper limit for an import: the same file, read and parsed in the page, written with the bare IndexedDB API
// in transactions of the app's batch size. No Dexie, no worker, no duplicate check, no progress, no indexes.
import type { Page } from '@playwright/test';
import type { Dataset } from './dataset';
import type { Bench } from './types';

/** Same as BATCH_SIZE in src/lib/import/run-import.ts, so both sides pay for the same number of commits. */
export const RAW_BATCH_SIZE = 2000;
const RAW_DB = 'fieldlabel-bench-raw';
const BLANK_PATH = '/__bench/blank.html';

export interface RawResult {
  ms: number;
  stored: number;
}

/**
 * Runs in a page of its own on the app's origin and profile. A routed blank page stands in for the app, so no app
 * code runs beside the measurement.
 */
export async function rawIdbImport(bench: Bench, dataset: Dataset): Promise<RawResult> {
  const page = await bench.context.newPage();
  try {
    await page.route(`${bench.origin}${BLANK_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>raw IndexedDB</title><input type="file" id="raw">' }),
    );
    await page.goto(`${bench.origin}${BLANK_PATH}`);
    // The page gets the file as from a file picker, exactly as the app does.
    await page.setInputFiles('#raw', dataset.path);
    return await writeInPage(page);
  } finally {
    await page.close();
  }
}

function writeInPage(page: Page): Promise<RawResult> {
  return page.evaluate(
    async ({ dbName, batchSize }) => {
      const done = (request: IDBRequest | IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          if (request instanceof IDBTransaction) {
            request.oncomplete = () => resolve();
            request.onabort = request.onerror = () => reject(request.error);
          } else {
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error);
          }
        });
      await done(indexedDB.deleteDatabase(dbName));
      const open = indexedDB.open(dbName, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('tasks', { keyPath: ['projectId', 'id'] });
      await done(open);
      const db = open.result;
      const file = (document.getElementById('raw') as HTMLInputElement).files?.[0];
      if (!file) throw new Error('no file');

      const projectId = crypto.randomUUID();
      const importId = crypto.randomUUID();
      // Timed: reading and parsing (the app must do both) and every commit, up to the last one.
      const start = performance.now();
      const text = await file.text();
      let rows: unknown[] = [];
      let seq = 0;
      const flush = async () => {
        // 'relaxed', like the app's import connection: both trade the fsync for speed on redoable data.
        const tx = db.transaction('tasks', 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('tasks');
        for (const row of rows) store.put(row);
        rows = [];
        await done(tx);
      };
      for (let from = 0; from < text.length; ) {
        let to = text.indexOf('\n', from);
        if (to === -1) to = text.length;
        const line = text.slice(from, to);
        from = to + 1;
        if (line.trim() === '') continue;
        const { id, text: body, ...meta } = JSON.parse(line) as { id: string; text: string };
        rows.push({ projectId, id, seq: seq++, text: body, meta, importId });
        if (rows.length >= batchSize) await flush();
      }
      if (rows.length > 0) await flush();
      const ms = performance.now() - start;

      // Outside the timing: prove the rows are there, then leave no trace.
      const count = db.transaction('tasks').objectStore('tasks').count();
      await done(count);
      const stored = count.result;
      db.close();
      await done(indexedDB.deleteDatabase(dbName));
      return { ms, stored };
    },
    { dbName: RAW_DB, batchSize: RAW_BATCH_SIZE },
  );
}
