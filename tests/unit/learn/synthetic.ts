// Typed factories for learning tests: small, seeded corpora whose right answers are known by construction.
import { hashedFeatures } from '../../../src/lib/learn/features';
import type { TrainingExample } from '../../../src/lib/learn/head';
import { createRng, type Rng } from '../../../src/lib/learn/random';
import type { FeatureRow } from '../../../src/lib/learn/vectors';

const NOISE = Array.from({ length: 200 }, (_, i) => `noise${i}`);

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** Class c's own vocabulary: `class<c>word<k>`. */
export function classWords(c: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `class${c}word${k}`);
}

/** A text of `noise` shared words plus `signal` words of each class it belongs to. */
export function syntheticText(classes: number[], rng: Rng, { noise = 8, signal = 3, vocabulary = 10 } = {}): string {
  const words: string[] = [];
  for (let i = 0; i < noise; i++) words.push(pick(NOISE, rng));
  for (const c of classes) for (let i = 0; i < signal; i++) words.push(pick(classWords(c, vocabulary), rng));
  return words.join(' ');
}

export function row(text: string): FeatureRow {
  return { sparse: hashedFeatures(text), dense: null };
}

/** Single-label examples, classes in turn (balanced), separable by their class words. */
export function singleLabelSet(count: number, classes: number, seed: number): TrainingExample[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const c = i % classes;
    return { x: row(syntheticText([c], rng)), y: [c] };
  });
}

/** Multi-label examples: each class applies independently with probability 0.4. */
export function multiLabelSet(count: number, classes: number, seed: number): TrainingExample[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const y = Array.from({ length: classes }, (_, c) => c).filter(() => rng() < 0.4);
    return { x: row(syntheticText(y, rng)), y };
  });
}
