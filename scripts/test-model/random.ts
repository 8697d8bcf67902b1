// Seeded numbers for test-model weights. Only integer and + - * arithmetic is used (no Math.log/cos), so the
// same seed gives byte-identical weights on every machine and Node version.

/** mulberry32: a tiny, fast 32-bit generator, good enough for test weights; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IRWIN_HALL_SCALE = Math.sqrt(3);

/**
 * Fills an array with normal-ish values (mean 0, standard deviation `std`): the sum of four uniforms
 * (Irwin–Hall) is close enough to a normal for random weights and avoids transcendental functions.
 */
export function fillNormal(random: () => number, length: number, std: number): Float32Array {
  const values = new Float32Array(length);
  const scale = std * IRWIN_HALL_SCALE;
  for (let i = 0; i < length; i++) {
    values[i] = (random() + random() + random() + random() - 2) * scale;
  }
  return values;
}
