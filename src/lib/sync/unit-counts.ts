// The table every agreement coefficient starts from: per unit, how many of its ratings fell on each value.

/** One annotator's value for one unit; a missing rating is simply absent. */
export interface UnitRating<V> {
  unit: string;
  annotator: string;
  value: V;
}

/**
 * Per unit rated at least once, in the order units first appear: counts indexed like `scale`, which must hold every
 * value rated. Throws on a second rating of one unit by one annotator: it would count as agreement with themselves.
 */
export function countsByUnit<V>(ratings: readonly UnitRating<V>[], scale: readonly V[]): number[][] {
  const index = new Map(scale.map((v, i) => [v, i]));
  const units = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const { unit, annotator, value } of ratings) {
    const cell = JSON.stringify([unit, annotator]);
    if (seen.has(cell)) throw new Error(`annotator "${annotator}" rated unit "${unit}" twice`);
    seen.add(cell);
    let counts = units.get(unit);
    if (counts === undefined) units.set(unit, (counts = new Array<number>(scale.length).fill(0)));
    counts[index.get(value) as number]! += 1;
  }
  return [...units.values()];
}
