/** Schedules a callback for after the next frame is on screen. */
export type AfterPaint = (run: () => void) => void;

/**
 * Runs `run` once the next frame is painted: rAF runs just before the frame is rendered, and a task posted from
 * there runs after it. A hidden page draws no frames, so `fallbackMs` later it runs anyway. Without
 * requestAnimationFrame (Node, a worker) it runs in the next task.
 */
export function afterNextPaint(run: () => void, fallbackMs = 100): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    run();
  };
  const fallback = setTimeout(once, fallbackMs);
  requestAnimationFrame(() => setTimeout(once, 0));
}
