// TRL's unpaired preference type, for KTO (huggingface/trl docs/source/dataset_formats.md): one response per line,
// {"prompt", "completion", "label": true|false} — standard (strings) or conversational ("prompt" a list of messages,
// "completion" a list holding the assistant turn).
//
// From preferences: a winner is desirable and every other response not; a ranking's first is, its last is not; both
// bad makes every response undesirable. From ratings, where the preference says nothing (a tie, or no preference
// asked): every response is desirable when the judgement's ratings average in the upper half of their scales
// (rubric value v of scale s counts (v − 1) / (s − 1)), else not. Ratings need the rubric to be read.

import type { ChatMessage, Judgement, ModelResponse, Rubric } from '../../domain/compare';
import { writeJsonLines } from '../spans/json-records';
import { isPlainPrompt, type CompareDoc } from './compare-doc';
import { count, type CompareWriteResult } from './pairs';
import { assistant } from './trl';

export function write(docs: readonly CompareDoc[], rubric: Rubric | null): CompareWriteResult {
  const leftOut = new Map<string, number>();
  const lines: unknown[] = [];
  for (const doc of docs) {
    const { messages, responses } = doc.content;
    for (const record of doc.judgements) {
      if (record.status === 'skipped' || record.judgement === null) {
        count(leftOut, 'skipped');
        continue;
      }
      const labels = labelsOf(record.judgement, responses, rubric, leftOut);
      for (const [response, label] of labels) {
        lines.push(
          isPlainPrompt(messages)
            ? { prompt: (messages[0] as ChatMessage).content, completion: response.text, label }
            : { prompt: messages, completion: [assistant(response.text)], label },
        );
      }
    }
  }
  return { output: writeJsonLines(lines), written: lines.length, leftOut };
}

function labelsOf(judgement: Judgement, responses: readonly ModelResponse[], rubric: Rubric | null, leftOut: Map<string, number>): [ModelResponse, boolean][] {
  const shown = judgement.shown.map((id) => responses.find((response) => response.id === id)).filter((r): r is ModelResponse => r !== undefined);
  const preference = judgement.preference;
  if (preference?.kind === 'better') return shown.map((response) => [response, response.id === preference.id]);
  if (preference?.kind === 'both-bad') return shown.map((response) => [response, false]);
  if (preference?.kind === 'ranking') {
    const ranked = preference.ids.map((id) => shown.find((response) => response.id === id)).filter((r): r is ModelResponse => r !== undefined);
    return ranked.length < 2 ? [] : [[ranked[0]!, true], [ranked[ranked.length - 1]!, false]];
  }
  const desirable = ratedDesirable(judgement.ratings, rubric);
  if (desirable === null) {
    count(leftOut, Object.keys(judgement.ratings).length > 0 ? 'rated on an unknown scale' : preference?.kind === 'tie' ? 'tie without ratings' : 'without a preference or ratings');
    return [];
  }
  return shown.map((response) => [response, desirable]);
}

/** Whether the ratings average in the upper half of their scales; null when there are none the rubric can scale. */
export function ratedDesirable(ratings: Readonly<Record<string, number>>, rubric: Rubric | null): boolean | null {
  const shares = Object.entries(ratings).flatMap(([name, value]) => {
    const item = rubric?.ratings.find((candidate) => candidate.name === name);
    return item && item.scale > 1 ? [(value - 1) / (item.scale - 1)] : [];
  });
  if (shares.length === 0) return null;
  return shares.reduce((sum, share) => sum + share, 0) / shares.length >= 0.5;
}
