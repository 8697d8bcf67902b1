// Keypress → the label's transaction `complete`, measured inside the page. An init script wraps
// IDBDatabase.prototype.transaction before the app opens its database, so every transaction the page creates is
// seen with the time it was created and the time it ended; a press is matched to the first readwrite transaction on
// `annotations` created at or after its keydown (LabelWriter sends a press made while another commits with the
// next transaction, so that one is its commit). Workers' transactions are not seen here, only their effect on these.
import type { Page } from '@playwright/test';

export interface SeenTransaction {
  stores: string[];
  mode: IDBTransactionMode;
  created: number;
  /** performance.now() at `complete`, `abort` or `error`; null while running. */
  ended: number | null;
  outcome: 'complete' | 'abort' | 'error' | null;
}

export interface PressCommit {
  /** keydown timeStamp, page clock. */
  pressedAt: number;
  /** keydown → the carrying transaction's `complete`; null until it completed. */
  commitMs: number | null;
  /** The carrying transaction ended otherwise (abort, error). */
  failed: boolean;
}

interface CommitProbe {
  presses: number[];
  transactions: SeenTransaction[];
  commits(): PressCommit[];
}

type ProbeWindow = { __benchCommits: CommitProbe };

/** Call before the page loads the app (it is an init script). Only presses of `key` are recorded. */
export async function installCommitProbe(page: Page, key: string): Promise<void> {
  await page.addInitScript((key) => {
    const probe: CommitProbe = {
      presses: [],
      transactions: [],
      commits() {
        const labels = probe.transactions.filter((t) => t.mode === 'readwrite' && t.stores.includes('annotations'));
        return probe.presses.map((pressedAt) => {
          const carrier = labels.find((t) => t.created >= pressedAt);
          const done = carrier?.outcome === 'complete';
          return { pressedAt, commitMs: done ? (carrier.ended as number) - pressedAt : null, failed: !!carrier?.outcome && !done };
        });
      },
    };
    (window as unknown as ProbeWindow).__benchCommits = probe;
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof open>) {
      const tx = open.apply(this, args);
      const seen: SeenTransaction = { stores: [...tx.objectStoreNames], mode: tx.mode, created: performance.now(), ended: null, outcome: null };
      probe.transactions.push(seen);
      for (const outcome of ['complete', 'abort', 'error'] as const) {
        tx.addEventListener(outcome, () => {
          seen.ended ??= performance.now();
          seen.outcome ??= outcome;
        });
      }
      return tx;
    } as typeof open;
    // Capture phase on window: before the app's handler opens the transaction; timeStamp is when the event was made.
    window.addEventListener('keydown', (event) => {
      if (event.key === key && !event.repeat) probe.presses.push(event.timeStamp);
    }, { capture: true });
  }, key);
}

/** Resolves once `presses` presses were seen and every one's transaction completed; throws if one failed. */
export async function waitForCommits(page: Page, presses: number, timeoutMs: number): Promise<{ commits: PressCommit[]; transactions: SeenTransaction[] }> {
  await page.waitForFunction(
    (n) => {
      const commits = (window as unknown as ProbeWindow).__benchCommits.commits();
      return commits.length >= n && commits.every((c) => c.commitMs !== null || c.failed);
    },
    presses,
    { timeout: timeoutMs, polling: 100 },
  );
  const result = await page.evaluate(() => {
    const probe = (window as unknown as ProbeWindow).__benchCommits;
    return { commits: probe.commits(), transactions: probe.transactions };
  });
  if (result.commits.some((c) => c.failed)) throw new Error('A label transaction did not complete (abort or error).');
  return result;
}
