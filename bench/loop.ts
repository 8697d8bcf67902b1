// Issue #20: are suggestions strong from the first labels, and does their confidence mean what it says? An annotator
// labels spam-assassin in random order; after 40, 80 and 160 labels, the suggestions the app would show on the next
// 40 tasks are compared with the truth. Side by side, in the same run and on the same labels: a plain logistic
// regression on the same hashed word uni+bigrams, no class weights, at scikit-learn's default C = 1 and at the best
// of C = 1, 10, 100 for each checkpoint (chosen on the answers, so a generous peer: the ratio is against it).
import { predict, trainHead } from '../src/lib/learn/head';
import { hashedFeatures } from '../src/lib/learn/features';
import { createRng, shuffleInPlace } from '../src/lib/learn/random';
import { expectedCalibrationError, reliabilityBins } from '../src/lib/learn/reliability';
import { ProjectLearner } from '../src/lib/model/learner';
import { spamAssassin, type Mail } from './support/spam-corpus';
import { round } from './support/stats';
import type { Figures, Target } from './support/types';

const SEEDS = 10;
const CHECKPOINTS = [40, 80, 160] as const;
const NEXT = 40;
const LABELS = [{ name: 'spam' }, { name: 'ham' }];
/** The plain baselines' penalties on the summed loss: scikit-learn's C = 1, 10 and 100 (the first is its default). */
const PLAIN_L2 = [1, 0.1, 0.01] as const;

export const loopTargets: Record<string, Target> = {
  'loop.accuracy_at_40_over_logreg': { atLeast: 1 },
  'loop.accuracy_at_80_over_logreg': { atLeast: 1 },
  'loop.accuracy_at_160_over_logreg': { atLeast: 1 },
  'loop.ece_at_80': { atMost: 0.05 },
};

interface Window {
  confidences: number[];
  right: boolean[];
  /** Right answers of the plain regression, per penalty in PLAIN_L2. */
  plainRight: number[];
}

function replaySeed(mails: Mail[], seed: number, windows: Map<number, Window>): void {
  const order = shuffleInPlace(mails.map((_, i) => i), createRng(seed)).slice(0, Math.max(...CHECKPOINTS) + NEXT);
  const texts = order.map((i) => (mails[i] as Mail).text);
  const truth = order.map((i) => ((mails[i] as Mail).spam ? 'spam' : 'ham'));
  const learner = new ProjectLearner('single', LABELS, texts.map((text, k) => ({ id: `t${k}`, seq: k, text })));
  const rows = texts.map((text) => ({ sparse: hashedFeatures(text), dense: null }));
  let labelled = 0;
  for (const checkpoint of CHECKPOINTS) {
    // Each label is decided with the suggestion in front of the annotator, as in the app.
    for (; labelled < checkpoint; labelled++) learner.record(`t${labelled}`, [truth[labelled] as string], 'labelled', true);
    learner.train('random');
    const examples = rows.slice(0, checkpoint).map((x, k) => ({ x, y: [truth[k] === 'spam' ? 0 : 1] }));
    const plains = PLAIN_L2.map((l2) => trainHead(examples, { mode: 'single', classes: 2, denseDims: 0, l2, balance: false }).weights);
    const window = windows.get(checkpoint) as Window;
    for (let k = checkpoint; k < checkpoint + NEXT; k++) {
      const suggestion = learner.suggest(`t${k}`, 'n-grams');
      window.confidences.push(suggestion?.confidence ?? 0.5);
      window.right.push(suggestion?.value[0] === truth[k]);
      plains.forEach((plain, j) => {
        const p = predict(plain, rows[k] as (typeof rows)[number]);
        if (((p[0] as number) >= (p[1] as number) ? 'spam' : 'ham') === truth[k]) window.plainRight[j] = (window.plainRight[j] as number) + 1;
      });
    }
  }
}

export async function measureLoop(): Promise<Figures> {
  const mails = spamAssassin();
  const windows = new Map<number, Window>(CHECKPOINTS.map((n) => [n, { confidences: [], right: [], plainRight: PLAIN_L2.map(() => 0) }]));
  for (let seed = 1; seed <= SEEDS; seed++) replaySeed(mails, seed, windows);
  const figures: Figures = {};
  for (const [n, window] of windows) {
    const accuracy = window.right.filter(Boolean).length / window.right.length;
    const plain = (window.plainRight[0] as number) / window.right.length;
    const bestPlain = Math.max(...window.plainRight) / window.right.length;
    const meanConfidence = window.confidences.reduce((a, b) => a + b, 0) / window.confidences.length;
    figures[`loop.accuracy_at_${n}`] = round(accuracy, 3);
    figures[`loop.logreg_accuracy_at_${n}`] = round(plain, 3);
    figures[`loop.best_logreg_accuracy_at_${n}`] = round(bestPlain, 3);
    figures[`loop.accuracy_at_${n}_over_logreg`] = round(accuracy / bestPlain, 3);
    figures[`loop.mean_confidence_at_${n}`] = round(meanConfidence, 3);
    figures[`loop.ece_at_${n}`] = round(expectedCalibrationError(reliabilityBins(window.confidences, window.right)) ?? 1, 3);
  }
  return figures;
}
