/**
 * Wraps a task so that calls made while it runs do not start it again at once: they share one more run after the
 * current one. Re-opening the model after an import re-reads every task, so three imports in a row (or an import
 * while the project is still opening) must cost two runs, not four overlapping ones.
 */
export function runOnceMore(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const start = (): Promise<void> => {
    running = task().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    again ??= running.catch(() => undefined).then(() => {
      again = null;
      return start();
    });
    return again;
  };
}
