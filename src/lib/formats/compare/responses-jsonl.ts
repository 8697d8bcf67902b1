// JSON Lines of model responses to compare, one task a line. The conversation is "messages" (OpenAI chat: a list of
// {role, content}) or "prompt" (a string, or a list of messages as TRL's conversational prompt). The responses are
// "responses" (or "completions"): a list of 2–4 strings or {id, text, model}; else "response_a", "response_b", … (or
// "completion_a", …); else, in an OpenAI chat file, the assistant turns that end "messages". A "judge" field
// ({winner, score, model}) is a model's verdict: a suggestion, never a label. "id" names the task; every other field
// is kept as meta.

import type { ChatMessage, ModelResponse } from '../../domain/compare';
import { readJsonLines, takeId, type JsonRecord } from '../spans/json-records';
import type { CompareDoc } from './compare-doc';
import { checkResponses, readMessages, readPrompt, readResponseList, readVerdict } from './fields';

const LIST_KEYS = ['responses', 'completions'];
const LETTERED_PREFIXES = ['response_', 'completion_'];
const JUDGE_KEY = 'judge';

export function read(text: string, fileName: string): CompareDoc[] {
  return readJsonLines(text, fileName).map(readTask);
}

function readTask(record: JsonRecord): CompareDoc {
  const { id, rest } = takeId(record.fields);
  const used = new Set<string>();
  const { messages, responses } = conversationAndResponses(record, used);
  const verdict = record.fields[JUDGE_KEY] === undefined ? null : readVerdict(record, JUDGE_KEY, responses);
  used.add(JUDGE_KEY);
  const meta = Object.fromEntries(Object.entries(rest).filter(([key]) => !used.has(key)));
  return { id, line: record.line, content: { messages, responses }, meta, judgements: [], verdict };
}

function conversationAndResponses(record: JsonRecord, used: Set<string>): { messages: ChatMessage[]; responses: ModelResponse[] } {
  const promptKey = record.fields['messages'] !== undefined ? 'messages' : record.fields['prompt'] !== undefined ? 'prompt' : null;
  if (promptKey === null) throw record.problem(null, 'expected "messages" (a chat) or "prompt" beside the responses');
  used.add(promptKey);
  const listKey = LIST_KEYS.find((key) => record.fields[key] !== undefined);
  if (listKey !== undefined) {
    used.add(listKey);
    return { messages: conversation(record, promptKey), responses: readResponseList(record, listKey) };
  }
  for (const prefix of LETTERED_PREFIXES) {
    const keys = ['a', 'b', 'c', 'd'].map((letter) => prefix + letter).filter((key) => record.fields[key] !== undefined);
    if (keys.length === 0) continue;
    keys.forEach((key) => used.add(key));
    const responses = keys.map((key, index) => ({ id: String.fromCharCode(97 + index), text: record.string(key) }));
    return { messages: conversation(record, promptKey), responses: checkResponses(record, keys.join(', '), responses) };
  }
  if (promptKey === 'messages') return trailingAssistantTurns(record);
  if (record.fields['completion'] !== undefined) {
    throw record.problem('completion', 'holds one response; a compare task needs 2 to 4 ("responses", or "response_a" and "response_b")');
  }
  throw record.problem(null, 'expected the responses: "responses" (a list), or "response_a" and "response_b"');
}

function conversation(record: JsonRecord, key: string): ChatMessage[] {
  const messages = key === 'prompt' ? readPrompt(record, key) : readMessages(record, record.fields[key], key);
  if (messages.length === 0) throw record.problem(key, 'is an empty list; a compare task needs a prompt');
  return messages;
}

/** An OpenAI chat line without a responses field: the assistant turns at its end are the responses to compare. */
function trailingAssistantTurns(record: JsonRecord): { messages: ChatMessage[]; responses: ModelResponse[] } {
  const all = readMessages(record, record.fields['messages'], 'messages');
  let start = all.length;
  while (start > 0 && all[start - 1]?.role === 'assistant') start--;
  if (start === 0) throw record.problem('messages', 'has no prompt before its assistant turns');
  const responses = all.slice(start).map((message, index) => ({ id: String.fromCharCode(97 + index), text: message.content }));
  return { messages: all.slice(0, start), responses: checkResponses(record, 'messages (its final assistant turns)', responses) };
}
