// Counts the rows each IndexedDB transaction hands out (getAll results, cursor steps), to check that a reader reads a
// page at a time: in Chromium one large request holds every other request of the origin until it is served whole.
interface Counted {
  stores: string[];
  rows: number;
}

type Method = (...args: unknown[]) => IDBRequest;

export function countRowsPerTransaction(): { transactions: Counted[]; stop(): void } {
  const transactions: Counted[] = [];
  const byTransaction = new Map<IDBTransaction, Counted>();
  const restore: (() => void)[] = [];
  const wrap = (proto: object, name: string, rowsOf: (result: unknown) => number) => {
    const original = (proto as Record<string, Method>)[name] as Method;
    (proto as Record<string, Method>)[name] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
      const request = original.apply(this, args);
      const tx = 'objectStore' in this ? this.objectStore.transaction : this.transaction;
      let counted = byTransaction.get(tx);
      if (!counted) {
        counted = { stores: [...tx.objectStoreNames], rows: 0 };
        byTransaction.set(tx, counted);
        transactions.push(counted);
      }
      const entry = counted;
      request.addEventListener('success', () => (entry.rows += rowsOf(request.result)));
      return request;
    };
    restore.push(() => ((proto as Record<string, Method>)[name] = original));
  };
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    wrap(proto, 'getAll', (result) => (result as unknown[]).length);
    wrap(proto, 'getAllKeys', (result) => (result as unknown[]).length);
    // A cursor's request succeeds once per step; the last step has no cursor.
    wrap(proto, 'openCursor', (result) => (result ? 1 : 0));
  }
  return { transactions, stop: () => restore.forEach((undo) => undo()) };
}
