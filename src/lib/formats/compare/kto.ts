// TRL's unpaired preference type, for KTO (huggingface/trl docs/source/dataset_formats.md): one response per line,
// {"prompt", "completion", "label": true|false} — standard (strings) or conversational ("prompt" a list of messages,
// "completion" a list holding the assistant turn).
//
// From preferences: a winner is desirable and every other response not; a ranking's first is, its last is not; both
// bad makes every response undesirable. From ratings, where the preference says nothing (a tie, or no preference
// asked), the rule (KtoRule) decides for every response shown: by default they are desirable when the judgement's
// ratings average in the upper half of their scales (rubric value v of scale s counts (v − 1) / (s − 1) ≥ 0.5), else
// not; or one rating item decides, at a value chosen on its scale. Ratings need the rubric to be read.

import type { ChatMessage, Judgement, ModelResponse, Rubric } from '../../domain/compare';
import { writeJsonLines } from '../spans/json-records';
import { isPlainPrompt, type CompareDoc } from './compare-doc';
import { count, type CompareWriteResult } from './pairs';
import { assistant } from './trl';

/** Which ratings make a response `label: true` when the preference says nothing. */
export interface KtoRule {
  /** The rating item that decides; null: the mean of every rated item's share of its scale. */
  item: string | null;
  /** True from this on: a value of the item's scale, or (item null) a share of the scales from 0 to 1. */
  atLeast: number;
}

/** The mean of the ratings' shares of their scales in the upper half. */
export const DEFAULT_KTO_RULE: KtoRule = { item: null, atLeast: 0.5 };

/** An item's default: the values in the upper half of its scale, as the mean's default reads one item. */
export function upperHalfOf(scale: number): number {
  return Math.ceil((scale + 1) / 2);
}

/** The rule for `item` (null: the mean of all), from `atLeast` or else that item's default: the upper half of its scale. */
export function ktoRuleFor(rubric: Rubric | null, item: string | null, atLeast?: number): KtoRule {
  if (atLeast !== undefined) return { item, atLeast };
  if (item === null) return DEFAULT_KTO_RULE;
  const scale = rubric?.ratings.find((r) => r.name === item)?.scale;
  // An item the rubric lacks keeps an impossible threshold, which ktoRuleProblem names.
  return { item, atLeast: scale === undefined ? Number.NaN : upperHalfOf(scale) };
}

/** What is wrong with `rule` for `rubric`, in words for the one who chose it; null when it can be used. */
export function ktoRuleProblem(rule: KtoRule, rubric: Rubric | null): string | null {
  if (rule.item === null) return rule.atLeast >= 0 && rule.atLeast <= 1 ? null : `the mean of the ratings is a share of their scales from 0 to 1, found ${rule.atLeast}`;
  const item = rubric?.ratings.find((candidate) => candidate.name === rule.item);
  if (!item) {
    const names = rubric?.ratings.map((r) => `"${r.name}"`).join(', ') ?? '';
    return `"${rule.item}" is not a rating item of the rubric${names === '' ? ' (it has none)' : ` (its items: ${names})`}`;
  }
  return Number.isInteger(rule.atLeast) && rule.atLeast >= 1 && rule.atLeast <= item.scale ? null : `"${item.name}" is rated 1 to ${item.scale}, found ${rule.atLeast}`;
}

/** The rule in one line, for the export summary: "label true: a winner, a ranking's first; … ≥ 4 of 5". */
export function describeKtoRule(rule: KtoRule, rubric: Rubric | null): string {
  const scale = rule.item === null ? null : rubric?.ratings.find((r) => r.name === rule.item)?.scale;
  const ratings =
    rule.item === null
      ? `the ratings' mean share of their scales ≥ ${rule.atLeast} (v of a 1–s scale counts (v − 1)/(s − 1))`
      : `${rule.item} ≥ ${rule.atLeast}${scale === undefined || scale === null ? '' : ` of ${scale}`}`;
  return `KTO label true: a winner, a ranking's first; false: the others shown, a ranking's last, both bad; a tie or no preference: true for every response when ${ratings}`;
}

export function write(docs: readonly CompareDoc[], rubric: Rubric | null, rule: KtoRule = DEFAULT_KTO_RULE): CompareWriteResult {
  const problem = ktoRuleProblem(rule, rubric);
  if (problem !== null) throw new Error(`KTO: ${problem}`);
  const leftOut = new Map<string, number>();
  const lines: unknown[] = [];
  for (const doc of docs) {
    const { messages, responses } = doc.content;
    for (const record of doc.judgements) {
      if (record.status === 'skipped' || record.judgement === null) {
        count(leftOut, 'skipped');
        continue;
      }
      const labels = labelsOf(record.judgement, responses, rubric, rule, leftOut);
      for (const [response, label] of labels) {
        lines.push(
          isPlainPrompt(messages)
            ? { prompt: (messages[0] as ChatMessage).content, completion: response.text, label }
            : { prompt: messages, completion: [assistant(response.text)], label },
        );
      }
    }
  }
  return { output: writeJsonLines(lines), written: lines.length, leftOut, note: describeKtoRule(rule, rubric) };
}

function labelsOf(judgement: Judgement, responses: readonly ModelResponse[], rubric: Rubric | null, rule: KtoRule, leftOut: Map<string, number>): [ModelResponse, boolean][] {
  const shown = judgement.shown.map((id) => responses.find((response) => response.id === id)).filter((r): r is ModelResponse => r !== undefined);
  const preference = judgement.preference;
  if (preference?.kind === 'better') return shown.map((response) => [response, response.id === preference.id]);
  if (preference?.kind === 'both-bad') return shown.map((response) => [response, false]);
  if (preference?.kind === 'ranking') {
    const ranked = preference.ids.map((id) => shown.find((response) => response.id === id)).filter((r): r is ModelResponse => r !== undefined);
    return ranked.length < 2 ? [] : [[ranked[0]!, true], [ranked[ranked.length - 1]!, false]];
  }
  const desirable = ratedDesirable(judgement.ratings, rubric, rule);
  if (desirable === null) {
    const rated = Object.keys(judgement.ratings).length > 0;
    count(
      leftOut,
      rule.item !== null && rated ? `not rated on ${rule.item}` : rated ? 'rated on an unknown scale' : preference?.kind === 'tie' ? 'tie without ratings' : 'without a preference or ratings',
    );
    return [];
  }
  return shown.map((response) => [response, desirable]);
}

/** Whether the ratings make the responses desirable by `rule`; null when none the rule reads is there. */
function ratedDesirable(ratings: Readonly<Record<string, number>>, rubric: Rubric | null, rule: KtoRule = DEFAULT_KTO_RULE): boolean | null {
  if (rule.item !== null) {
    const value = Object.hasOwn(ratings, rule.item) ? ratings[rule.item] : undefined;
    return value === undefined ? null : value >= rule.atLeast;
  }
  const shares = Object.entries(ratings).flatMap(([name, value]) => {
    const item = rubric?.ratings.find((candidate) => candidate.name === name);
    return item && item.scale > 1 ? [(value - 1) / (item.scale - 1)] : [];
  });
  if (shares.length === 0) return null;
  return shares.reduce((sum, share) => sum + share, 0) / shares.length >= rule.atLeast;
}
