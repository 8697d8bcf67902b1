// Which compare format a file is in, from its content, with the reason shown beside the choice on the import screen
// (as detectLabelledFormat does for labelled texts). Null: not a compare file. The text may be only the head of a
// large file; a record it cuts short is left out of the sample.

import { leadingArrayElements, wholeLines } from '../spans/detect';
import { isPlainObject } from '../values';
import { fileAnnotatorName } from './compare-doc';
import type { CompareReadFormat } from './format-names';
import { COMPARE_FILE_TYPE } from './compare-jsonl';
import { hasPairwiseResult, hasPromptAndAnswerPair } from './labelstudio-pairwise';

export interface DetectedCompareFormat {
  format: CompareReadFormat;
  reason: string;
}

const SAMPLE = 50;
const RESPONSE_KEYS = ['responses', 'completions', 'response_a', 'completion_a'];

export function detectCompareFormat(fileName: string, text: string): DetectedCompareFormat | null {
  const content = text.replace(/^\uFEFF/, '').trimStart();
  if (content.startsWith('[')) return detectTasks(leadingArrayElements(content).filter(isPlainObject));
  if (!content.startsWith('{')) return null;
  const whole = parseObject(content);
  if (whole !== null && isPlainObject(whole['data'])) return detectTasks([whole]);
  return detectLines(wholeLines(content), fileName);
}

function detectTasks(tasks: Record<string, unknown>[]): DetectedCompareFormat | null {
  if (tasks.some(hasPairwiseResult)) return { format: 'labelstudio-pairwise', reason: 'Label Studio JSON: tasks with Pairwise results ("selected": left or right)' };
  if (tasks.length > 0 && tasks.every(hasPromptAndAnswerPair)) return { format: 'labelstudio-pairwise', reason: 'Label Studio JSON: tasks whose data holds a prompt and two answers to compare' };
  return null;
}

function detectLines(lines: string[], fileName: string): DetectedCompareFormat | null {
  const records = lines
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLE)
    .map(parseObject)
    .filter((record): record is Record<string, unknown> => record !== null);
  const some = (test: (record: Record<string, unknown>) => boolean) => records.some(test);
  if (some((record) => record['type'] === COMPARE_FILE_TYPE)) return { format: 'compare-jsonl', reason: 'fieldlabel compare JSONL: tasks with their judgements' };
  if (some((record) => isPlainObject(record['input']) && 'preferred_output' in record && 'non_preferred_output' in record)) {
    return { format: 'openai-preference', reason: `OpenAI preference fine-tuning JSONL: input.messages, preferred_output and non_preferred_output; each pair comes in as a task judged by "${fileAnnotatorName(fileName)}"` };
  }
  const pair = records.find((record) => 'chosen' in record && 'rejected' in record);
  if (pair) {
    const form = Array.isArray(pair['chosen']) ? 'conversational' : 'standard';
    const prompt = 'prompt' in pair ? 'prompt, chosen and rejected' : 'chosen and rejected (implicit prompt)';
    return { format: 'trl', reason: `TRL preference JSONL (${form}): ${prompt}; each pair comes in as a task judged by "${fileAnnotatorName(fileName)}"` };
  }
  const withResponses = records.find((record) => ('messages' in record || 'prompt' in record) && RESPONSE_KEYS.some((key) => key in record));
  if (withResponses) {
    const judged = some((record) => isPlainObject(record['judge'])) ? ', and a model judge’s verdicts as suggestions' : '';
    return { format: 'responses', reason: `JSONL of ${'messages' in withResponses ? 'chats' : 'prompts'} with ${RESPONSE_KEYS.find((key) => key in withResponses)} to compare${judged}` };
  }
  if (some(endsInSeveralAnswers)) return { format: 'responses', reason: 'OpenAI chat JSONL: messages ending in 2 or more assistant turns, the responses to compare' };
  return null;
}

function endsInSeveralAnswers(record: Record<string, unknown>): boolean {
  const messages = record['messages'];
  if (!Array.isArray(messages) || messages.length < 3) return false;
  const last = messages.slice(-2);
  return last.every((message) => isPlainObject(message) && message['role'] === 'assistant');
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}
