// Which task should a person label next? Uncertainty sampling asks where the head is least sure; it needs far fewer
// labels than random order on most tasks (spam-assassin: ~70 instead of ~250 to reach 95 % of full accuracy).
// Its known failure is a batch of near-duplicates from one unsure corner, or a blind spot it never visits:
// `hybrid` spreads a batch over clusters and mixes in random picks against both; among the unsure it prefers the
// typical (typicality.ts) to the odd.
import { clusterRows } from './clustering';
import { typicality } from './typicality';
import { createRng, shuffleInPlace, type Rng } from './random';
import type { FeatureRow } from './vectors';
import type { SamplingStrategy } from '../domain/types';

export { createRng, type Rng } from './random';
export { SAMPLING_STRATEGIES, type SamplingStrategy } from '../domain/types';

export interface CandidatePool {
  /** Task order numbers, in the order sequential sampling follows. */
  ids: number[];
  /** Head probabilities per candidate, same order as ids. */
  probs: Float32Array[];
  /** Feature rows per candidate (hybrid clusters them; without them hybrid skips the clustering). */
  vectors?: FeatureRow[];
  /** Probabilities are independent per class (multi-label): each class is then judged as its own yes/no question. */
  multiLabel?: boolean;
}

/**
 * Share of a hybrid batch drawn at random from the whole pool: a guard against blind spots, kept small because each
 * random pick is a label the head learns little from. On spam-assassin's three groups one in ten instead of one in
 * five took hybrid from 70 to 50 labels to 95 % of full accuracy (median of 20 seeds), and left two classes at 60.
 */
export const HYBRID_RANDOM_SHARE = 0.1;
/** Hybrid clusters only the most uncertain candidates, this many per cluster: enough choice, bounded cost. */
const HYBRID_CANDIDATES_PER_CLUSTER = 10;
const HYBRID_MIN_CANDIDATES = 50;
/** A long ranking (the app asks for 200) cycles through at most this many clusters: each costs a 1 MiB centroid. */
const HYBRID_MAX_CLUSTERS = 16;

/** The ids of `count` candidates, best first. */
export function rankCandidates(strategy: SamplingStrategy, pool: CandidatePool, count: number, rng: Rng): number[] {
  const n = Math.min(count, pool.ids.length);
  const positions = pool.ids.map((_, i) => i);
  switch (strategy) {
    case 'sequential':
      return pool.ids.slice(0, n);
    case 'random':
      return pickRandom(positions, n, rng).map((i) => pool.ids[i] as number);
    case 'hybrid':
      return hybrid(pool, n, rng);
    default:
      return byUncertainty(strategy, pool).slice(0, n).map((i) => pool.ids[i] as number);
  }
}

/** How unsure the head is about one candidate, larger = less sure, by the strategy's definition. */
export function uncertainty(strategy: 'least-confidence' | 'margin' | 'entropy', probs: Float32Array, multiLabel = false): number {
  if (multiLabel) {
    // Each class is a yes/no question: average the binary uncertainty over classes.
    let sum = 0;
    for (const p of probs) sum += uncertainty(strategy, Float32Array.of(p, 1 - p));
    return probs.length === 0 ? 0 : sum / probs.length;
  }
  if (strategy === 'entropy') {
    let h = 0;
    for (const p of probs) if (p > 0) h -= p * Math.log(p);
    return h;
  }
  let first = 0;
  let second = 0;
  for (const p of probs) {
    if (p > first) [first, second] = [p, first];
    else if (p > second) second = p;
  }
  return strategy === 'least-confidence' ? 1 - first : -(first - second);
}

/** Positions in the pool, most uncertain first; ties keep pool order, so the ranking is reproducible. */
function byUncertainty(strategy: 'least-confidence' | 'margin' | 'entropy', pool: CandidatePool): number[] {
  const scores = pool.probs.map((p) => uncertainty(strategy, p, pool.multiLabel));
  return pool.ids.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

function pickRandom(positions: number[], n: number, rng: Rng): number[] {
  // A partial Fisher–Yates: only the first n places are drawn.
  const items = [...positions];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (items.length - i));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
  return items.slice(0, n);
}

/**
 * The most uncertain candidates (by margin) are shortlisted and ordered by uncertainty × typicality, then clustered,
 * one cluster per uncertain pick (up to 16); the clusters take turns giving their best member, starting with the
 * cluster of the best one. The random share is then drawn from everything not chosen and spread through the batch.
 */
function hybrid(pool: CandidatePool, n: number, rng: Rng): number[] {
  const randomCount = Math.round(n * HYBRID_RANDOM_SHARE);
  const uncertainCount = n - randomCount;
  const ranked = byUncertainty('margin', pool);
  let uncertain: number[];
  if (pool.vectors) {
    const clusters = Math.min(uncertainCount, HYBRID_MAX_CLUSTERS);
    const shortlist = byDensity(pool, pool.vectors, ranked.slice(0, Math.max(HYBRID_MIN_CANDIDATES, clusters * HYBRID_CANDIDATES_PER_CLUSTER, uncertainCount * 2)));
    if (clusters > 1) {
      const clusterOf = clusterRows(shortlist.map((i) => pool.vectors?.[i] as FeatureRow), clusters, createRng(Math.floor(rng() * 2 ** 32)));
      uncertain = roundRobin(shortlist, clusterOf, uncertainCount);
    } else {
      uncertain = shortlist.slice(0, uncertainCount);
    }
  } else {
    uncertain = ranked.slice(0, uncertainCount);
  }
  const taken = new Set(uncertain);
  const rest = ranked.filter((i) => !taken.has(i)).sort((a, b) => a - b);
  const randomPicks = shuffleInPlace(pickRandom(rest, randomCount, rng), rng);
  return interleave(uncertain, randomPicks).map((i) => pool.ids[i] as number);
}

/**
 * The shortlist by uncertainty × typicality ("information density"), best first; ties keep the uncertainty order.
 * Uncertainty here is 1 − the gap between the top two classes, in [0, 1].
 */
function byDensity(pool: CandidatePool, vectors: FeatureRow[], shortlist: number[]): number[] {
  const density = typicality(vectors, shortlist);
  const score = shortlist.map((i, k) => (1 + uncertainty('margin', pool.probs[i] as Float32Array, pool.multiLabel)) * Math.max(0, density[k] as number));
  return shortlist.map((_, k) => k).sort((a, b) => (score[b] as number) - (score[a] as number) || a - b).map((k) => shortlist[k] as number);
}

/** `ranked` is best first, so each cluster's members come out in that order too. */
function roundRobin(ranked: number[], clusterOf: Int32Array, count: number): number[] {
  const queues = new Map<number, number[]>();
  ranked.forEach((position, k) => {
    const cluster = clusterOf[k] as number;
    queues.set(cluster, [...(queues.get(cluster) ?? []), position]);
  });
  const picks: number[] = [];
  const lists = [...queues.values()];
  for (let round = 0; picks.length < count && round < ranked.length; round++) {
    for (const list of lists) if (round < list.length && picks.length < count) picks.push(list[round] as number);
  }
  return picks;
}

/** Random picks at evenly spaced places, so even the first few of a batch include one. */
function interleave(uncertain: number[], randomPicks: number[]): number[] {
  const total = uncertain.length + randomPicks.length;
  const out: number[] = [];
  let u = 0;
  let r = 0;
  const every = randomPicks.length > 0 ? total / randomPicks.length : Number.POSITIVE_INFINITY;
  for (let place = 1; place <= total; place++) {
    const wantRandom = r < randomPicks.length && (place >= Math.round(every * (r + 1)) || u >= uncertain.length);
    out.push(wantRandom ? (randomPicks[r++] as number) : (uncertain[u++] as number));
  }
  return out;
}
