// Every coefficient against published worked examples, to the decimals the source prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agreementFigures, annotatorPairs, type Rating } from '../../../src/lib/sync/agreement';

/** Two raters' cross-table: row = rater A's category, column = rater B's. */
function fromCrossTable(table: number[][]): Rating[] {
  const ratings: Rating[] = [];
  let unit = 0;
  table.forEach((row, a) =>
    row.forEach((count, b) => {
      for (let i = 0; i < count; i++, unit++) {
        ratings.push({ unit: `u${unit}`, annotator: 'A', value: `c${a}` }, { unit: `u${unit}`, annotator: 'B', value: `c${b}` });
      }
    }),
  );
  return ratings;
}

/** Raters per subject and category (Fleiss' layout); who the raters are does not matter to Fleiss' kappa. */
function fromDistribution(table: number[][]): Rating[] {
  return table.flatMap((row, unit) => {
    let rater = 0;
    return row.flatMap((count, category) => Array.from({ length: count }, () => ({ unit: `u${unit}`, annotator: `r${rater++}`, value: `c${category}` })));
  });
}

/** Observers × units, "." for a missing value. */
function fromMatrix(rows: string[]): Rating[] {
  return rows.flatMap((row, observer) =>
    row.split(/\s+/).flatMap((value, unit) => (value === '.' ? [] : [{ unit: `u${unit}`, annotator: `o${observer}`, value }])),
  );
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

describe('agreement coefficients reproduce published worked examples', () => {
  it('Cohen’s kappa: Wikipedia, "Cohen\'s kappa", simple example (50 grant proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): po = 0.7, κ = 0.4', () => {
    const f = agreementFigures(fromCrossTable([[20, 5], [10, 15]]));
    expect(f.percentAgreement).toBeCloseTo(0.7, 12);
    expect(f.cohenKappa).toBeCloseTo(0.4, 12);
    // Light's kappa of two annotators is their Cohen's kappa: one pair.
    expect(f.lightKappa).toBe(f.cohenKappa);
  });

  it('Fleiss’ kappa: Wikipedia, "Fleiss\' kappa", worked example (10 subjects, 14 raters, 5 categories): P̄ = 0.378, κ = 0.210', () => {
    const f = agreementFigures(
      fromDistribution([
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
      ]),
    );
    expect(round(f.percentAgreement, 3)).toBe(0.378);
    expect(round(f.fleissKappa, 3)).toBe(0.21);
    expect(f.cohenKappa).toBeNull();
  });

  it('Krippendorff’s alpha: Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability", nominal data, 4 observers × 12 units with missing values: α = 0.743', () => {
    const ratings = fromMatrix([
      '1 2 3 3 2 1 4 1 2 . . .',
      '1 2 3 3 2 2 4 1 2 5 . 3',
      '. 3 3 3 2 3 4 2 2 5 1 .',
      '1 2 3 3 2 4 4 1 2 5 1 .',
    ]);
    const f = agreementFigures(ratings);
    expect(round(f.krippendorffAlpha, 3)).toBe(0.743);
    // The same data is cac.raw4raters in Gwet's irrCAC R package (github.com/kgwet/irrCAC, README), which prints
    // percent agreement 0.8181818, Fleiss' kappa 0.76117, Krippendorff's alpha 0.74342 and AC1 0.77544.
    expect(f.percentAgreement).toBeCloseTo(0.8181818, 7);
    expect(f.fleissKappa).toBeCloseTo(0.76117, 5);
    expect(f.krippendorffAlpha).toBeCloseTo(0.74342, 5);
    expect(f.gwetAc1).toBeCloseTo(0.77544, 5);
  });

  it('Krippendorff’s alpha: Wikipedia, "Krippendorff\'s alpha", computational example (3 coders × 15 units, missing values): nominal α = 0.691', () => {
    const f = agreementFigures(
      fromMatrix([
        '. . . . . 3 4 1 2 1 1 3 3 . 3',
        '1 . 2 1 3 3 4 3 . . . . . . .',
        '. . 2 1 3 4 4 . 2 1 1 3 3 . 4',
      ]),
    );
    expect(round(f.krippendorffAlpha, 3)).toBe(0.691);
  });

  it('Gwet’s AC1: Gwet (2014), Handbook of Inter-Rater Reliability, 2 abstractors × 100 subjects, categories Ectopic, AIU, NIU (irrCAC cont3x3abstractors): AC1 = 0.8493305', () => {
    // Printed in the irrCAC README with Cohen's kappa 0.7964094, Scott's pi 0.7962397 (= Fleiss' kappa for two
    // raters), Krippendorff's alpha 0.7972585 and percent agreement 0.89.
    const f = agreementFigures(fromCrossTable([[13, 0, 0], [0, 20, 7], [0, 4, 56]]));
    expect(f.gwetAc1).toBeCloseTo(0.8493305, 7);
    expect(f.cohenKappa).toBeCloseTo(0.7964094, 7);
    expect(f.fleissKappa).toBeCloseTo(0.7962397, 7);
    expect(f.krippendorffAlpha).toBeCloseTo(0.7972585, 7);
    expect(f.percentAgreement).toBeCloseTo(0.89, 12);
  });

  it('Gwet (2014) via the irrCAC README, distrib.6raters (15 patients × 6 psychiatrists, 5 diagnoses): κ = 0.4139265, AC1 = 0.4448007, α = 0.4204384', () => {
    const f = agreementFigures(
      fromDistribution([
        [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
        [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
        [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
      ]),
    );
    expect(f.percentAgreement).toBeCloseTo(0.5511111, 7);
    expect(f.fleissKappa).toBeCloseTo(0.4139265, 7);
    expect(f.gwetAc1).toBeCloseTo(0.4448007, 7);
    expect(f.krippendorffAlpha).toBeCloseTo(0.4204384, 7);
  });
});

describe('Light’s kappa: the mean of Cohen’s kappa over the pairs of annotators (Light 1971)', () => {
  it('Fleiss (1971) diagnoses, 30 patients × 6 raters, 5 categories, as the irr R package has them: Light’s κ = 0.459 (irr::kappam.light), Fleiss’ κ = 0.430', () => {
    // irr's example data `diagnoses`; pyirr's tests (github.com/sophiedkk/pyirr, tests/test_kappam_light.py and
    // test_kappam_fleiss.py) check the same values against irr's printout. Fleiss' kappa confirms the transcription.
    const [, ...rows] = readFileSync('tests/fixtures/sync/fleiss-1971-diagnoses.csv', 'utf8').trimEnd().split('\n');
    const ratings = rows.map((row) => row.split(',')).map(([unit, annotator, value]) => ({ unit, annotator, value }) as Rating);
    const f = agreementFigures(ratings);
    expect(round(f.lightKappa, 3)).toBe(0.459);
    expect(round(f.fleissKappa, 3)).toBe(0.43);
    expect(f.cohenKappa).toBeNull();
    expect(annotatorPairs(ratings)).toBe(15);
  });

  it('with missing ratings, takes each pair on the units both rated and leaves out pairs without a kappa (worked by hand)', () => {
    const ratings = fromMatrix([
      'x x y y . .', // A
      'x y y y . .', // B
      'x x . . z .', // C
      '. . . . . x', // D: shares no unit with anyone
    ]);
    // A–B on u0–u3: po = 3/4; A's marginals x ½, y ½, B's x ¼, y ¾, so pe = ½·¼ + ½·¾ = ½ and κ = (¾ − ½)/(1 − ½) = ½.
    // A–C on u0, u1: both always x, so pe = 1 and κ is undefined: left out.
    // B–C on u0, u1: po = ½; B's x ½, y ½, C's x 1, so pe = ½ and κ = 0.
    // Pairs with D share nothing. Light's κ = (½ + 0) / 2.
    const f = agreementFigures(ratings);
    expect(f.lightKappa).toBeCloseTo(0.25, 12);
    expect(f.cohenKappa).toBeNull();
    expect(annotatorPairs(ratings)).toBe(3);
  });

  it('is null when no pair shares a unit, or no pair has a kappa', () => {
    expect(agreementFigures(fromMatrix(['x . .', '. y .', '. . x'])).lightKappa).toBeNull();
    expect(agreementFigures(fromMatrix(['x x', 'x x', 'x x'])).lightKappa).toBeNull();
  });
});

describe('agreement where a coefficient is undefined or the data are odd', () => {
  it('gives null when no unit was rated twice', () => {
    const f = agreementFigures([
      { unit: 'u1', annotator: 'A', value: 'x' },
      { unit: 'u2', annotator: 'B', value: 'y' },
    ]);
    expect(f).toEqual({ percentAgreement: null, cohenKappa: null, lightKappa: null, fleissKappa: null, krippendorffAlpha: null, gwetAc1: null });
  });

  it('gives null for the chance-corrected coefficients when everyone always chose the same category', () => {
    const f = agreementFigures(fromCrossTable([[5]]));
    expect(f).toEqual({ percentAgreement: 1, cohenKappa: null, lightKappa: null, fleissKappa: null, krippendorffAlpha: null, gwetAc1: null });
  });

  it('counts categories of the scale nobody used in AC1’s number of categories', () => {
    const ratings = fromCrossTable([[20, 5], [10, 15]]);
    expect(agreementFigures(ratings, ['c0', 'c1', 'c2']).gwetAc1).not.toBeCloseTo(agreementFigures(ratings).gwetAc1 as number, 3);
  });

  it('refuses a unit rated twice by one annotator', () => {
    expect(() => agreementFigures([{ unit: 'u1', annotator: 'A', value: 'x' }, { unit: 'u1', annotator: 'A', value: 'y' }])).toThrow('annotator "A" rated unit "u1" twice');
  });
});
