// The contract between bench/run.ts and the measurement modules. A module receives what run.ts prepared once
// (browser profile, served build, scratch directory) and returns flat figures; run.ts merges them into latest.json.
import type { BrowserContext } from '@playwright/test';

export type Figures = Record<string, number>;

/** What a figure should reach. Informational only: the run prints it beside the figure and never fails on it. */
export type Target = { atLeast: number } | { atMost: number };

export interface Bench {
  /** One on-disk Chromium profile for the whole run (see support/app.ts); modules open pages in it. */
  context: BrowserContext;
  /** Origin of the production build (dist/) on 127.0.0.1: service workers and IndexedDB behave as in the field. */
  origin: string;
  /** Scratch directory under os.tmpdir(): generated data never lands in the repository. */
  workDir: string;
  /**
   * A preparation several modules need (a 100k-task project, say), made by the first module that asks and reused
   * by the others, so modules stay independent yet the run pays for each preparation once.
   */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
  /**
   * Waits until the browser's processes are idle (see support/settle.ts) and returns how long that took in ms.
   * Call it before timing anything, so one measurement never pays for the background work another left behind.
   */
  quiet(): Promise<number>;
}

export interface Measurement {
  /** Shown in the progress log. */
  name: string;
  run(bench: Bench): Promise<Figures>;
  targets: Record<string, Target>;
}
