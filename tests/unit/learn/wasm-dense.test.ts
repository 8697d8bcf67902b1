import { describe, expect, it } from 'vitest';
import { predict, predictAll, trainHead } from '../../../src/lib/learn/head';
import { createRng, type Rng } from '../../../src/lib/learn/random';
import { denseKernel } from '../../../src/lib/learn/wasm-dense';
import { singleLabelSet } from './synthetic';

function randomArray(length: number, rng: Rng): Float32Array {
  return Float32Array.from({ length }, () => rng() * 2 - 1);
}

/** The plain definition in Float64: Σ_j x[j]·W[j][c], a missing row as zeros, a long one cut to dims. */
function reference(weights: Float32Array, dims: number, columns: number, x: Float32Array | null): number[] {
  return Array.from({ length: columns }, (_, c) => {
    let sum = 0;
    for (let j = 0; j < dims; j++) sum += (x?.[j] ?? 0) * (weights[j * columns + c] as number);
    return sum;
  });
}

describe('denseKernel (WebAssembly SIMD)', () => {
  it('compiles in Node, which these tests and the CLI run on', () => {
    expect(denseKernel(4)).not.toBeNull();
  });

  it.each([
    [4, 7],
    [8, 384],
    [12, 33],
    [16, 2],
  ])('matches the plain sum for %i columns and %i dims, rows missing, short or long included', (columns, dims) => {
    const rng = createRng(columns * 1000 + dims);
    const kernel = denseKernel(columns);
    if (kernel === null) throw new Error('no kernel');
    const weights = randomArray(dims * columns, rng);
    kernel.setWeights(weights, dims, columns);
    const rows: (Float32Array | null)[] = Array.from({ length: 40 }, (_, r) => {
      if (r % 9 === 4) return null;
      if (r % 7 === 3) return randomArray(Math.max(1, dims - 1), rng);
      return randomArray(r % 5 === 2 ? dims + 3 : dims, rng);
    });
    const out = kernel.score(rows, 5, 40);
    expect(out).toHaveLength(35 * columns);
    for (let r = 5; r < 40; r++) {
      const expected = reference(weights, dims, columns, rows[r] ?? null);
      for (let c = 0; c < columns; c++) expect(out[(r - 5) * columns + c]).toBeCloseTo(expected[c] as number, 4);
    }
  });

  it('keeps no state from an earlier, longer problem (padding and memory reused)', () => {
    const kernel = denseKernel(4);
    if (kernel === null) throw new Error('no kernel');
    const rng = createRng(2);
    kernel.setWeights(randomArray(9 * 4, rng), 9, 4);
    kernel.score([randomArray(9, rng), randomArray(9, rng)], 0, 2);
    const weights = randomArray(5 * 4, rng);
    kernel.setWeights(weights, 5, 4);
    const rows = [randomArray(5, rng), randomArray(5, rng)];
    const out = kernel.score(rows, 0, 2);
    rows.forEach((x, r) => reference(weights, 5, 4, x).forEach((v, c) => expect(out[r * 4 + c]).toBeCloseTo(v, 5)));
  });

  it('refuses more rows a call than its chunk', () => {
    const kernel = denseKernel(4);
    if (kernel === null) throw new Error('no kernel');
    kernel.setWeights(new Float32Array(8), 2, 4);
    const rows = new Array<Float32Array | null>(kernel.chunkRows + 1).fill(null);
    expect(() => kernel.score(rows, 0, rows.length)).toThrow(/At most/);
  });
});

describe('predictAll through the kernel', () => {
  it('agrees with predict over several chunks, with rows that have no embedding', () => {
    const rng = createRng(31);
    const classes = 6;
    const examples = singleLabelSet(1_100, classes, 32).map((e, i) => ({ ...e, x: { ...e.x, dense: i % 11 === 0 ? null : randomArray(24, rng) } }));
    const { weights } = trainHead(examples.slice(0, 200), { mode: 'single', classes, denseDims: 24 });
    const rows = examples.map((e) => e.x);
    const all = predictAll(weights, rows);
    let worst = 0;
    rows.forEach((x, i) => predict(weights, x).forEach((p, c) => (worst = Math.max(worst, Math.abs(p - (all[i * classes + c] as number))))));
    expect(worst).toBeLessThan(1e-5);
  });
});
