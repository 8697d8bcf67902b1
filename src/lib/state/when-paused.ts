/**
 * Runs `work` once calls have stopped coming for `ms`: a burst of calls makes one run. Each call's promise
 * resolves when the run that covers it is done.
 */
export function whenPaused(work: () => void, ms: number): () => Promise<void> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waiting: { promise: Promise<void>; resolve: () => void } | null = null;
  return () => {
    if (timer !== null) clearTimeout(timer);
    if (!waiting) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((done) => (resolve = done));
      waiting = { promise, resolve };
    }
    const covered = waiting;
    timer = setTimeout(() => {
      timer = null;
      waiting = null;
      work();
      covered.resolve();
    }, ms);
    return covered.promise;
  };
}
