// JSON Lines of model responses to compare, one task a line. The conversation is "messages" (OpenAI chat: a list of
// {role, content}) or "prompt" (a string, or a list of messages as TRL's conversational prompt). The responses are
// "responses" (or "completions"): a list of 2–4 strings or {id, text, model}; else "response_a", "response_b", … (or
// "completion_a", …, with "model_a", … naming their models); else, in an OpenAI chat file, the assistant turns that end
// "messages". A "judge" object ({winner, score, model}) is a model's verdict: a suggestion, never a label. A top-level
// "winner" is a person's judgement, as Chatbot Arena's human votes are: by the "judge" (a string there) or
// "annotator" it names, else by an annotator named after the file. "id" names the task; every other field is meta.

import type { ChatMessage, ModelResponse } from '../../domain/compare';
import { readJsonLines, takeId, type JsonRecord } from '../spans/json-records';
import { fileAnnotatorName, importedJudgement, preferenceOnly, type CompareDoc, type CompareJudgementRecord } from './compare-doc';
import { checkResponses, preferenceOfWinner, readMessages, readPrompt, readResponseList, readVerdict } from './fields';

const LIST_KEYS = ['responses', 'completions'];
const LETTERED_PREFIXES = ['response_', 'completion_'];
const JUDGE_KEY = 'judge';

export function read(text: string, fileName: string): CompareDoc[] {
  const annotator = fileAnnotatorName(fileName);
  return readJsonLines(text, fileName).map((record) => readTask(record, annotator));
}

function readTask(record: JsonRecord, fileAnnotator: string): CompareDoc {
  const { id, rest } = takeId(record.fields);
  const used = new Set<string>();
  const { messages, responses } = conversationAndResponses(record, used);
  const judge = record.fields[JUDGE_KEY];
  const verdict = judge === undefined || typeof judge === 'string' ? null : readVerdict(record, JUDGE_KEY, responses);
  const judgements = record.fields['winner'] === undefined ? [] : [personsVote(record, responses, fileAnnotator)];
  for (const key of [JUDGE_KEY, 'winner', 'annotator']) used.add(key);
  const meta = Object.fromEntries(Object.entries(rest).filter(([key]) => !used.has(key)));
  return { id, line: record.line, content: { messages, responses }, meta, judgements, verdict };
}

function personsVote(record: JsonRecord, responses: ModelResponse[], fileAnnotator: string): CompareJudgementRecord {
  const preference = preferenceOfWinner(record.fields['winner'], responses);
  if (preference === undefined) {
    throw record.problem('winner', `expected a response id, a letter "A"–"${String.fromCharCode(64 + responses.length)}" (or model_a, …), "tie" or "both-bad", found ${JSON.stringify(record.fields['winner'])}`);
  }
  const named = [record.fields[JUDGE_KEY], record.fields['annotator']].find((value): value is string => typeof value === 'string' && value !== '');
  return importedJudgement(named ?? fileAnnotator, preferenceOnly(responses.map((response) => response.id), preference));
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
    const responses = keys.map((key, index): ModelResponse => {
      const modelKey = `model_${key.slice(prefix.length)}`;
      const model = record.fields[modelKey];
      if (typeof model !== 'string') return { id: String.fromCharCode(97 + index), text: record.string(key) };
      used.add(modelKey);
      return { id: String.fromCharCode(97 + index), text: record.string(key), model };
    });
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
