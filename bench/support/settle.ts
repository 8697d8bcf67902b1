// Waits until Chromium's processes are quiet. After a bulk write IndexedDB keeps compacting its LevelDB in the
// background for seconds; a measurement started meanwhile would pay for the previous one's work. We wait for the
// condition itself (CPU use of the browser's process tree, read from /proc), never for a fixed time.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux
const SAMPLE_MS = 250;
/** Quiet: the whole browser used less than this share of one core over the last QUIET_WINDOW_MS. */
const QUIET_SHARE = 0.05;
const QUIET_WINDOW_MS = 1000;

interface ProcInfo {
  ppid: number;
  ticks: number;
  cmdline: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state ppid ... utime(14) stime(15), 1-based overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), cmdline };
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** CPU ticks used so far by the browser started with `userDataDir` and all its descendants. */
function browserTicks(userDataDir: string): number | null {
  const procs = new Map<number, ProcInfo>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info) procs.set(Number(name), info);
  }
  const roots = [...procs].filter(([, p]) => p.cmdline.includes(userDataDir)).map(([pid]) => pid);
  if (roots.length === 0) return null;
  const inTree = new Set(roots);
  // Parents may be listed after children: repeat until no process joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of inTree) ticks += procs.get(pid)?.ticks ?? 0;
  return ticks;
}

/** Resolves once the browser is quiet; returns how long that took in ms. Gives up (and says so) after `maxMs`. */
export async function waitForQuietBrowser(userDataDir: string, maxMs = 120_000): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const started = Date.now();
  const history: { at: number; ticks: number }[] = [];
  for (;;) {
    const ticks = browserTicks(userDataDir);
    if (ticks === null) return 0;
    const at = Date.now();
    history.push({ at, ticks });
    const old = history.find((h) => at - h.at <= QUIET_WINDOW_MS + SAMPLE_MS / 2 && at - h.at >= QUIET_WINDOW_MS - SAMPLE_MS / 2);
    if (old && (ticks - old.ticks) / TICKS_PER_S <= QUIET_SHARE * ((at - old.at) / 1000)) return at - started;
    if (at - started > maxMs) {
      console.warn(`[bench] the browser was still busy after ${maxMs / 1000} s; measuring anyway`);
      return at - started;
    }
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
}
