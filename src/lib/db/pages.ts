// Reading a whole table's worth of rows a page at a time. IndexedDB serves an origin's requests one at a time, each
// whole, whatever tables they touch: right after a 100,000-task import, labels (on other tables) waited 1.7–1.9 s
// behind one read of every task in Chromium (bench `label-commit`). A page of 1,000 is about 20 ms there.
import Dexie from 'dexie';

/** Rows per request in reads of a whole project. */
export const READ_PAGE_ROWS = 1000;

/** A macrotask between pages: a worker answers its messages meanwhile, and other requests get their turn. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads page after page, each starting after the last row of the one before, until one comes back short. Outside a
 * transaction each page is a read transaction of its own, so no read holds a table while the caller goes on; inside
 * one the pages follow each other at once (a macrotask would let the transaction commit under the caller).
 */
export async function readPages<Row>(readPage: (last: Row | null) => Promise<Row[]>, take: (row: Row) => void): Promise<void> {
  let last: Row | null = null;
  for (;;) {
    const page = await readPage(last);
    page.forEach(take);
    if (page.length < READ_PAGE_ROWS) return;
    last = page[page.length - 1] as Row;
    if (Dexie.currentTransaction === null) await nextTask();
  }
}
