// Embedding throughput: the app's model worker in Chromium (one thread — the app's default on 2 cores — and, cross-
// origin isolated with the Model tab's "Use all cores" on, every core) against Node with onnxruntime-node on the
// same int8 model and texts: the plain Transformers.js pipeline at batch 16 (what a server would run: the reference
// of `embed.ratio`), and the app's encoder code for comparison.
// The ratio says how much of a server's speed a tablet-side browser keeps on the same hardware.
import { loadavg } from 'node:os';
import { EmbedSite, type BrowserRun } from './support/embed-browser';
import { NATIVE_BATCH, startNative, type NativeKind } from './support/embed-native';
import { EMBED_MODEL_ID, EMBED_MODEL_NAME, embedSetup } from './support/embed-setup';
import { round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

/**
 * Rounds of: one Node pass of each kind, one browser run per mode (a fresh page and project each). Interleaved, so
 * that other work on the machine falls on all alike; for each the fastest counts (other work only ever slows down).
 */
const ROUNDS = 2;

export const embedTargets: Record<string, Target> = {
  'embed.ratio': { atLeast: 0.5 },
};

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] embed: ${message}`);
}

const rate = (texts: number, ms: number) => texts / (ms / 1000);

function describeRun(label: string, run: BrowserRun, texts: number): string {
  const chunks = run.chunkMarks.map(([done, at]) => `${done}@${Math.round(at)}`).join(' ');
  return `${label}${run.threadedWasm ? ' (threaded wasm)' : ''}: ${Math.round(run.embedMs)} ms (${rate(texts, run.embedMs).toFixed(1)} texts/s), click→done ${Math.round(run.clickToDoneMs)} ms; chunks ${chunks}`;
}

export async function measureEmbed(bench: Bench): Promise<Figures> {
  const setup = await embedSetup(bench, log);
  const n = setup.texts.length;
  const loadAtStart = loadavg()[0] ?? 0;

  // Node's work and the browser's never overlap: each waits for the other to finish, and quiet() for the browser.
  await bench.quiet();
  const native = await startNative(setup.modelsRoot, EMBED_MODEL_ID, setup.texts);
  const nativePasses: Record<NativeKind, number[]> = { pipeline: [], encoder: [] };
  const nativePass = async () => {
    for (const kind of ['pipeline', 'encoder'] as const) {
      await bench.quiet();
      const ms = await native.pass(kind);
      nativePasses[kind].push(ms);
      log(`node native ${kind}, batch ${NATIVE_BATCH}: ${Math.round(ms)} ms (${rate(n, ms).toFixed(1)} texts/s)`);
    }
  };

  const single = await EmbedSite.start(setup.dist, false);
  const threaded = await EmbedSite.start(setup.dist, true);
  const runs: { single: BrowserRun[]; threaded: BrowserRun[] } = { single: [], threaded: [] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await nativePass();
      for (const [key, site] of [['single', single], ['threaded', threaded]] as const) {
        const run = await site.run(bench.context, setup.dataset, EMBED_MODEL_NAME, () => bench.quiet());
        log(describeRun(`${key === 'single' ? 'browser 1 thread' : 'browser isolated'} #${round}`, run, n));
        runs[key].push(run);
      }
    }
    await nativePass();
  } finally {
    await native.dispose();
    await single.stop();
    await threaded.stop();
  }

  const nativeMs = Math.min(...nativePasses.pipeline);
  const nativeEncoderMs = Math.min(...nativePasses.encoder);
  if (runs.single.some((r) => r.threadedWasm)) throw new Error('The page without isolation loaded the threaded wasm.');
  const best = (list: BrowserRun[]) => list.reduce((a, b) => (b.embedMs < a.embedMs ? b : a));
  const one = best(runs.single);
  const multi = best(runs.threaded);
  const nativeRate = rate(n, nativeMs);
  const oneRate = rate(n, one.embedMs);
  const multiRate = rate(n, multi.embedMs);
  return {
    'embed.node_native.texts_per_s': round(nativeRate, 1),
    'embed.browser_1t.texts_per_s': round(oneRate, 1),
    'embed.browser_mt.texts_per_s': round(multiRate, 1),
    'embed.ratio': round(Math.max(oneRate, multiRate) / nativeRate, 3),
    // The same comparison against the app's encoder code in Node (length-grouped batches): the runtime's share alone.
    'embed.node_encoder.texts_per_s': round(rate(n, nativeEncoderMs), 1),
    'embed.ratio_vs_node_encoder': round(Math.max(oneRate, multiRate) / rate(n, nativeEncoderMs), 3),
    'embed.node_native.ms': round(nativeMs, 0),
    'embed.browser_1t.ms': round(one.embedMs, 0),
    'embed.browser_mt.ms': round(multi.embedMs, 0),
    // Model load and warm-up included (click on "Use" → all stored), of the same runs: what a user waits for.
    'embed.browser_1t.click_to_done_ms': round(one.clickToDoneMs, 0),
    'embed.browser_mt.click_to_done_ms': round(multi.clickToDoneMs, 0),
    // 1 when the isolated page's model worker ran onnxruntime's threaded wasm (its "Use all cores" choice is on),
    // 0 when it ran on one thread anyway (a 1-core machine).
    'embed.browser_mt.threaded_wasm': multi.threadedWasm ? 1 : 0,
    'embed.browser_cores': multi.hardwareConcurrency,
    'embed.texts': n,
    'embed.mean_tokens': round(native.meanTokens, 1),
    // Other work on the machine slows Node's two threads more than the browser's one: read the ratio against these.
    'embed.load_1m_at_start': round(loadAtStart, 2),
    'embed.load_1m_at_end': round(loadavg()[0] ?? 0, 2),
  };
}
