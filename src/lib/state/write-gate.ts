/**
 * The way a session writes labels of its project: only while this tab holds the project (ProjectLock), so two tabs
 * never label one project side by side, and a tab taking the project over waits for the writes begun here.
 */
export interface WriteGate {
  /** Runs `work` (a write of labels), or refuses with an error saying the project is open in another tab. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** For a session used on its own (unit tests, scripts): nothing else shares its database. */
export const UNSHARED: WriteGate = { run: (work) => work() };
