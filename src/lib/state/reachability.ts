// Whether the app's own origin answers. `navigator.onLine` only says a network interface is up: a tablet on a dead
// Wi-Fi network reports online, and Chromium 150 reports a reloaded page online even when the browser is offline.
// What an annotator needs to know is whether syncing or downloading can work right now, so the app asks its origin.

export type Reachability = 'unknown' | 'reachable' | 'unreachable';

/** A small file served next to the app and never precached, so only the server itself can answer it. */
export const REACHABILITY_FILE = 'online-check.txt';
/** Its whole content: a captive portal or a proxy's error page answers with something else. */
export const REACHABILITY_CONTENT = 'fieldlabel';

/** How long an answer may take before the origin counts as unreachable. */
const PROBE_TIMEOUT_MS = 5000;
/** While unreachable, ask again this often, so the badge goes once the network is back without any event. */
const RETRY_UNREACHABLE_MS = 30_000;
/** While reachable, ask again this often: a network can die without the browser noticing. */
const RECHECK_REACHABLE_MS = 5 * 60_000;

export interface ReachabilityDeps {
  /** Resolves true when the origin answered with the expected content, false otherwise; never rejects. */
  probe(): Promise<boolean>;
  /** Runs `fn` after `ms`; returns a cancel function. */
  later(fn: () => void, ms: number): () => void;
  onChange(state: Reachability): void;
}

/** Asks the origin on start, when told to (network events, a page shown again), and on a timer. */
export class ReachabilityWatch {
  state: Reachability = 'unknown';
  private readonly deps: ReachabilityDeps;
  private cancelTimer: () => void = () => undefined;
  private asking: Promise<Reachability> | null = null;

  constructor(deps: ReachabilityDeps) {
    this.deps = deps;
  }

  /** Asks now; concurrent calls share one request. Resolves with the answer. */
  check(): Promise<Reachability> {
    this.asking ??= this.deps.probe().then((answered) => {
      this.asking = null;
      this.set(answered ? 'reachable' : 'unreachable');
      return this.state;
    });
    return this.asking;
  }

  stop(): void {
    this.cancelTimer();
  }

  private set(state: Reachability): void {
    this.cancelTimer();
    this.cancelTimer = this.deps.later(() => void this.check(), state === 'reachable' ? RECHECK_REACHABLE_MS : RETRY_UNREACHABLE_MS);
    if (state === this.state) return;
    this.state = state;
    this.deps.onChange(state);
  }
}

/**
 * One request to the origin that the service worker does not answer (the file is not precached, and `no-store`
 * keeps the HTTP cache out of it), so a reply means the server itself replied.
 */
export async function probeOrigin(url: string, fetchFn: typeof fetch = fetch, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    const response = await fetchFn(`${url}?t=${Date.now()}`, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return response.ok && (await response.text()).trim() === REACHABILITY_CONTENT;
  } catch {
    return false;
  }
}
