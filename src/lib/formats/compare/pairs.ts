// What the pairwise formats (TRL, OpenAI preference, KTO) take from a task's judgements: a preferred and a
// non-preferred response per pair, and a count of what they have no place for (ties, both bad, no preference,
// skipped), said in one summary line.

import type { ModelResponse } from '../../domain/compare';
import { formatCount } from '../limits';
import type { CompareDoc } from './compare-doc';

export interface PreferencePair {
  doc: CompareDoc;
  chosen: ModelResponse;
  rejected: ModelResponse;
}

/** What a writer wrote and what it left out, by reason ("tie" → 3). */
export interface CompareWriteResult {
  output: string;
  written: number;
  leftOut: Map<string, number>;
  /** What the summary adds: how the format decided what it wrote (KTO's rule), or what it kept only in part. */
  note?: string;
}

/**
 * Every preferred–rejected pair the people's judgements give: a winner over each other response, a ranking's every
 * higher response over each lower one. One pair per judgement, so two annotators who agree give the pair twice, as
 * a preference set with several raters does.
 */
export function preferencePairs(docs: readonly CompareDoc[], leftOut: Map<string, number>): PreferencePair[] {
  const pairs: PreferencePair[] = [];
  for (const doc of docs) {
    const byId = new Map(doc.content.responses.map((response) => [response.id, response]));
    for (const record of doc.judgements) {
      const preference = record.judgement?.preference ?? null;
      if (record.status === 'skipped' || record.judgement === null) count(leftOut, 'skipped');
      else if (preference === null) count(leftOut, 'without a preference');
      else if (preference.kind === 'tie') count(leftOut, 'tie');
      else if (preference.kind === 'both-bad') count(leftOut, 'both bad');
      else {
        const order = preference.kind === 'better' ? [preference.id, ...record.judgement.shown.filter((id) => id !== preference.id)] : preference.ids;
        const ranked = order.map((id) => byId.get(id)).filter((response): response is ModelResponse => response !== undefined);
        const last = preference.kind === 'better' ? 1 : ranked.length - 1;
        for (let i = 0; i < last; i++) for (let j = i + 1; j < ranked.length; j++) pairs.push({ doc, chosen: ranked[i]!, rejected: ranked[j]! });
      }
    }
  }
  return pairs;
}

export function count(tally: Map<string, number>, reason: string, by = 1): void {
  tally.set(reason, (tally.get(reason) ?? 0) + by);
}

/** "12 pairs → out.jsonl (trl); judgements left out (trl has no place for them): tie 3, both bad 1", then the note. */
export function writeSummary(result: CompareWriteResult, noun: string, out: string, format: string): string {
  const written = `${formatCount(result.written)} ${noun}${result.written === 1 ? '' : 's'} → ${out} (${format})`;
  const reasons = [...result.leftOut].filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${formatCount(n)}`);
  const summary = reasons.length === 0 ? written : `${written}; judgements left out (${format} has no place for them): ${reasons.join(', ')}`;
  return result.note === undefined ? summary : `${summary}. ${result.note}`;
}
