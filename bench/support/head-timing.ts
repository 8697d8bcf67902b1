// The head's cost after one more batch of labels in a big project: a warm retrain on every label plus re-scoring
// every task, the work the model worker does before the next suggestion can change. Hashed features of short
// synthetic texts (twelve common words and a word that names the class) and 384-dim unit "embeddings" stand in for
// a MiniLM-sized model; everything is seeded, so each run times the same problem.
import { hashedFeatures } from '../../src/lib/learn/features';
import { predictAll, trainHead, type HeadSpec, type TrainingExample } from '../../src/lib/learn/head';
import { createRng, type Rng } from '../../src/lib/learn/random';
import type { FeatureRow } from '../../src/lib/learn/vectors';
import { median } from './stats';

const WORDS = 'battery screen sensor pump valve field crew report station sample water soil temperature pressure reading device tablet signal network offline sync label review delivery order package arrived late early broken works well poorly great terrible fine quickly slowly again never always today morning evening river bridge road village café measured replaced cleaned checked noticed failed restarted charged leaked rusted calibrated'.split(' ');
const MARKERS = ['urgent', 'routine', 'question', 'complaint', 'praise', 'request', 'update', 'warning', 'invoice', 'reminder'];
const DENSE_DIMS = 384;
const TIMING_RUNS = 3;

export interface RetrainShape {
  classes: number;
  labels: number;
  /** Tasks re-scored besides the labelled ones. */
  open: number;
}

export interface RetrainTiming {
  retrainRescoreMs: number;
  retrainMs: number;
  rescoreMs: number;
  /** The same work in CPU time of this process (`process.cpuUsage`): what wall time says on a quiet machine only. */
  retrainRescoreCpuMs: number;
}

/** Medians of TIMING_RUNS warm retrains (from the head trained on all but the last ten labels) and re-scorings. */
export function timeRetrainRescore({ classes, labels, open }: RetrainShape): RetrainTiming {
  if (classes > MARKERS.length) throw new RangeError(`At most ${MARKERS.length} classes, asked for ${classes}.`);
  const rng = createRng(20260101);
  const classOf: number[] = [];
  const rows: FeatureRow[] = [];
  for (let i = 0; i < labels + open; i++) {
    const c = Math.floor(rng() * classes);
    const text = Array.from({ length: 12 }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ') + ` ${MARKERS[c]}`;
    classOf.push(c);
    rows.push({ sparse: hashedFeatures(text), dense: randomUnitVector(rng) });
  }
  const spec: HeadSpec = { mode: 'single', classes, denseDims: DENSE_DIMS };
  const examples: TrainingExample[] = rows.slice(0, labels).map((x, i) => ({ x, y: [classOf[i] as number] }));
  const previous = trainHead(examples.slice(0, labels - 10), spec).weights;

  const retrain: number[] = [];
  const rescore: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < TIMING_RUNS; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { weights } = trainHead(examples, { ...spec, warmStart: previous });
    const t1 = performance.now();
    const scores = predictAll(weights, rows);
    const t2 = performance.now();
    const used = process.cpuUsage(cpu0);
    if (scores.length !== rows.length * classes) throw new Error('Re-scoring missed rows.');
    retrain.push(t1 - t0);
    rescore.push(t2 - t1);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    retrainRescoreMs: Math.round(median(retrain.map((ms, i) => ms + (rescore[i] as number)))),
    retrainMs: Math.round(median(retrain)),
    rescoreMs: Math.round(median(rescore)),
    retrainRescoreCpuMs: Math.round(median(cpu)),
  };
}

function randomUnitVector(rng: Rng): Float32Array {
  const v = new Float32Array(DENSE_DIMS);
  let squared = 0;
  for (let j = 0; j < DENSE_DIMS; j++) {
    v[j] = rng() * 2 - 1;
    squared += (v[j] as number) ** 2;
  }
  const inverse = 1 / Math.sqrt(squared);
  for (let j = 0; j < DENSE_DIMS; j++) v[j] = (v[j] as number) * inverse;
  return v;
}
