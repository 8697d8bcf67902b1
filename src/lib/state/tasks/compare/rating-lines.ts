// A rubric's rating items as the new-project form takes them, one per line:
//   Helpfulness: useless | poor | fair | good | excellent    (the scale is the number of descriptions)
//   Length: 1-5                                               (a scale without descriptions)
//   Tone (optional): rude | flat | kind                       (may be left unrated)
import type { RatingItem, Rubric } from '../../../domain/compare';

/** Number keys rate: 1–9. */
export const MAX_SCALE = 9;
const MIN_SCALE = 2;

export type RatingLinesResult = { ok: true; items: RatingItem[] } | { ok: false; problems: string[] };

export function parseRatingLines(input: string): RatingLinesResult {
  const items: RatingItem[] = [];
  const problems: string[] = [];
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const colon = trimmed.indexOf(':');
    if (colon === -1) {
      problems.push(`line ${line}: write the item's name, a colon, then its values ("Helpfulness: poor | fair | good" or "Helpfulness: 1-5")`);
      return;
    }
    const head = trimmed.slice(0, colon).trim();
    const optional = /\(optional\)$/i.test(head);
    const name = optional ? head.replace(/\(optional\)$/i, '').trim() : head;
    const item = itemValues(trimmed.slice(colon + 1).trim());
    if (name === '') problems.push(`line ${line}: a rating item needs a name before the colon`);
    else if (items.some((other) => other.name === name)) problems.push(`line ${line}: "${name}" is already an item`);
    else if (typeof item === 'string') problems.push(`line ${line}: ${item}`);
    else items.push({ name, ...item, required: !optional });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

function itemValues(values: string): { scale: number; descriptions: string[] } | string {
  const range = /^1\s*-\s*(\d+)$/.exec(values);
  const scale = range ? Number(range[1]) : values.split('|').length;
  const descriptions = range ? [] : values.split('|').map((d) => d.trim());
  if (scale < MIN_SCALE || scale > MAX_SCALE) return `a scale runs from 1 to between ${MIN_SCALE} and ${MAX_SCALE} (the number keys)`;
  if (descriptions.some((d) => d === '')) return 'a value between two "|" has no description';
  return { scale, descriptions };
}

/** The form's lines for a rubric's items (the inverse of parseRatingLines). */
export function ratingLines(items: readonly RatingItem[]): string {
  return items
    .map((item) => `${item.name}${item.required ? '' : ' (optional)'}: ${item.descriptions.length > 0 ? item.descriptions.join(' | ') : `1-${item.scale}`}`)
    .join('\n');
}

/** A rubric must ask something: the preference, or at least one rating. */
export function rubricProblem(rubric: Rubric): string | null {
  return rubric.preference || rubric.ratings.length > 0 ? null : 'Ask which response is better, or add a rating item: a rubric must ask something.';
}
