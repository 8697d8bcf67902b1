import { describe, expect, it } from 'vitest';
import { probeOrigin, REACHABILITY_CONTENT, ReachabilityWatch, type Reachability } from '../../../src/lib/state/reachability';

function harness(answers: boolean[]) {
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const changes: Reachability[] = [];
  let probes = 0;
  const watch = new ReachabilityWatch({
    probe: async () => answers[Math.min(probes++, answers.length - 1)] as boolean,
    later: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    onChange: (state) => changes.push(state),
  });
  const pending = () => timers.filter((t) => !t.cancelled);
  return { watch, changes, pending, probes: () => probes };
}

describe('ReachabilityWatch', () => {
  it('says unreachable when the origin does not answer, retries every 30 s, and says reachable once it answers', async () => {
    const { watch, changes, pending } = harness([false, false, true]);
    expect(await watch.check()).toBe('unreachable');
    expect(pending().map((t) => t.ms)).toEqual([30_000]);
    pending()[0]?.fn();
    await Promise.resolve();
    expect(await watch.check()).toBe('reachable');
    expect(changes).toEqual(['unreachable', 'reachable']);
    // Only the latest timer is live: a reachable origin is asked again every five minutes.
    expect(pending().map((t) => t.ms)).toEqual([300_000]);
  });

  it('shares one request between checks asked for at the same time', async () => {
    const { watch, probes } = harness([true]);
    await Promise.all([watch.check(), watch.check(), watch.check()]);
    expect(probes()).toBe(1);
  });
});

describe('probeOrigin', () => {
  const answer = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;

  it('counts only the expected file as an answer: an error page or a captive portal is not the app', async () => {
    expect(await probeOrigin('/online-check.txt', answer(`${REACHABILITY_CONTENT}\n`))).toBe(true);
    expect(await probeOrigin('/online-check.txt', answer('<html>Log in to the hotel Wi-Fi</html>'))).toBe(false);
    expect(await probeOrigin('/online-check.txt', answer(REACHABILITY_CONTENT, 503))).toBe(false);
    expect(await probeOrigin('/online-check.txt', (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch)).toBe(false);
  });

  it('bypasses caches and gives up after the timeout', async () => {
    let init: RequestInit | undefined;
    const hanging = ((_url: string, options?: RequestInit) => {
      init = options;
      return new Promise((_, reject) => options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)));
    }) as unknown as typeof fetch;
    expect(await probeOrigin('/online-check.txt', hanging, 20)).toBe(false);
    expect(init?.cache).toBe('no-store');
  });
});
