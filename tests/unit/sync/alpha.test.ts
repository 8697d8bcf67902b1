// Krippendorff's alpha at the nominal, ordinal and interval levels, against the published worked examples and the
// values the reference implementation's tests assert (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
import { describe, expect, it } from 'vitest';
import { krippendorffAlphaAt, type NumericRating } from '../../../src/lib/sync/alpha';

/** Observers by row, units by column, "." for a missing value. */
function fromMatrix(rows: string[]): NumericRating[] {
  return rows.flatMap((row, observer) =>
    row.split(/\s+/).flatMap((value, unit) => (value === '.' ? [] : [{ unit: `u${unit}`, annotator: `o${observer}`, value: Number(value) }])),
  );
}

/** Krippendorff (2011), 4 observers × 12 units, values 1–5 with missing ones. */
const KRIPPENDORFF_2011 = fromMatrix([
  '1 2 3 3 2 1 4 1 2 . . .',
  '1 2 3 3 2 2 4 1 2 5 . 3',
  '. 3 3 3 2 3 4 2 2 5 1 .',
  '1 2 3 3 2 4 4 1 2 5 1 .',
]);

/** Wikipedia, "Krippendorff's alpha", computational example: 3 coders × 15 units. */
const WIKIPEDIA = fromMatrix([
  '. . . . . 3 4 1 2 1 1 3 3 . 3',
  '1 . 2 1 3 3 4 3 . . . . . . .',
  '. . 2 1 3 4 4 . 2 1 1 3 3 . 4',
]);

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

describe("Krippendorff's alpha by level of measurement", () => {
  it('Krippendorff (2011): nominal α = 0.743, ordinal α = 0.815, interval α = 0.849', () => {
    expect(round(krippendorffAlphaAt(KRIPPENDORFF_2011, 'nominal'), 3)).toBe(0.743);
    expect(round(krippendorffAlphaAt(KRIPPENDORFF_2011, 'ordinal'), 3)).toBe(0.815);
    expect(round(krippendorffAlphaAt(KRIPPENDORFF_2011, 'interval'), 3)).toBe(0.849);
  });

  it('Wikipedia: nominal α = 0.691358, interval α = 0.810845 (as fast-krippendorff asserts to six places)', () => {
    expect(round(krippendorffAlphaAt(WIKIPEDIA, 'nominal'), 6)).toBe(0.691358);
    expect(round(krippendorffAlphaAt(WIKIPEDIA, 'interval'), 6)).toBe(0.810845);
  });

  it('a small case by hand: two coders, 1 2 3 against 1 2 4 — interval α = 1 − 5·2/82 = 36/41; nominal 1 − 5·2/26 = 8/13', () => {
    // Coincidences 1–1: 2, 2–2: 2, 3–4 and 4–3: 1 each; n = 6, totals 2, 2, 1, 1.
    const ratings = fromMatrix(['1 2 3', '1 2 4']);
    expect(krippendorffAlphaAt(ratings, 'interval')).toBeCloseTo(36 / 41, 14);
    expect(krippendorffAlphaAt(ratings, 'nominal')).toBeCloseTo(8 / 13, 14);
    // Ordinal: δ²(3,4) = (1 + 1 − (1 + 1)/2)² = 1; expected sums 2·[4·(2)² + 2·(3.5)² + 2·(4.5)² + 2·(1.5)² + 2·(2.5)² + 1·1²] = 2·(16 + 24.5 + 40.5 + 4.5 + 12.5 + 1) = 198.
    expect(krippendorffAlphaAt(ratings, 'ordinal')).toBeCloseTo(1 - (5 * 2) / 198, 14);
  });

  it('is 1 for perfect agreement and null where nothing can be paired or every value is the same', () => {
    expect(krippendorffAlphaAt(fromMatrix(['1 2 3 4', '1 2 3 4', '1 2 3 4']), 'interval')).toBe(1);
    expect(krippendorffAlphaAt(fromMatrix(['1 .', '. 2']), 'ordinal')).toBeNull();
    expect(krippendorffAlphaAt(fromMatrix(['3 3', '3 3']), 'nominal')).toBeNull();
  });
});
