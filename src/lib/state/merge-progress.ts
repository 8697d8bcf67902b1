// How far a label import has got, for the Sync screen's progress bar: reading the chosen files (by bytes), then
// applying their annotations (by rows written). A million annotations take minutes in the browser, so the bar says
// how long is left, estimated from the pace so far.

export interface MergeProgress {
  phase: 'reading' | 'applying';
  done: number;
  total: number;
  /** Null until there is a pace to go by. */
  secondsLeft: number | null;
}

/** A phase's progress, started at `startedAt` (ms); the time left assumes the rest goes at the pace of what is done. */
export function mergeProgress(phase: MergeProgress['phase'], done: number, total: number, startedAt: number, now: number): MergeProgress {
  const elapsed = (now - startedAt) / 1000;
  const secondsLeft = done > 0 && done < total && elapsed > 0 ? (elapsed * (total - done)) / done : done >= total ? 0 : null;
  return { phase, done, total, secondsLeft };
}

/** "about 3 min left", "about 40 s left", or nothing while the pace is unknown. */
export function timeLeftText(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  if (secondsLeft < 5) return 'a few seconds left';
  if (secondsLeft < 90) return `about ${Math.round(secondsLeft / 5) * 5} s left`;
  return `about ${Math.round(secondsLeft / 60)} min left`;
}
