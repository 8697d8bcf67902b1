// Reading the parts every compare format shares, with the field's path in the message when one is wrong: chat
// messages ({role, content}, OpenAI's content parts included), responses (strings or {id, text, model}) and a model
// judge's verdict ({winner, score}).

import { MAX_RESPONSES, MIN_RESPONSES, type ChatMessage, type ChatRole, type Judgement, type ModelResponse } from '../../domain/compare';
import type { JsonRecord } from '../spans/json-records';
import { isPlainObject } from '../values';
import { preferenceOnly, responseLetterId, type CompareVerdict } from './compare-doc';

const ROLES: readonly ChatRole[] = ['system', 'user', 'assistant', 'tool'];

/** A list of chat messages; OpenAI's "developer" role is its newer name for "system". */
export function readMessages(record: JsonRecord, value: unknown, field: string): ChatMessage[] {
  const list = record.expect(value, field, 'a list of messages ({"role", "content"})', Array.isArray);
  return list.map((item, index) => readMessage(record, item, `${field}[${index}]`));
}

function readMessage(record: JsonRecord, value: unknown, field: string): ChatMessage {
  const message = record.object(value, field);
  const role = message['role'] === 'developer' ? 'system' : message['role'];
  if (!ROLES.includes(role as ChatRole)) {
    throw record.problem(`${field}.role`, `expected one of ${ROLES.map((r) => `"${r}"`).join(', ')}, found ${JSON.stringify(message['role'] ?? null)}`);
  }
  return { role: role as ChatRole, content: readContent(record, message['content'], `${field}.content`) };
}

/** A message's content: a string, or OpenAI's list of parts of which only text ones can be shown. */
function readContent(record: JsonRecord, value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw record.problem(field, 'expected a string or a list of text parts');
  return value
    .map((part, index) => {
      if (isPlainObject(part) && part['type'] === 'text' && typeof part['text'] === 'string') return part['text'];
      throw record.problem(`${field}[${index}]`, 'expected a text part ({"type": "text", "text": …}); images, audio and files cannot be compared here');
    })
    .join('');
}

/** The prompt of a file that gives one: a string (one user message) or, conversational, a list of messages. */
export function readPrompt(record: JsonRecord, field: string): ChatMessage[] {
  const value = record.fields[field];
  if (typeof value === 'string') {
    if (value.trim() === '') throw record.problem(field, 'is empty; a compare task needs a prompt');
    return [{ role: 'user', content: value }];
  }
  const messages = readMessages(record, value, field);
  if (messages.length === 0) throw record.problem(field, 'is an empty list; a compare task needs a prompt');
  return messages;
}

/** One response written as text or as the assistant turn(s) of a conversational file (TRL's chosen, OpenAI's outputs). */
export function readCompletion(record: JsonRecord, field: string): string {
  const value = record.fields[field];
  if (typeof value === 'string') return value;
  const messages = readMessages(record, value, field);
  const assistant = messages.filter((message) => message.role === 'assistant');
  if (assistant.length !== messages.length || assistant.length === 0) {
    throw record.problem(field, 'expected a string or a list of assistant messages');
  }
  return assistant.map((message) => message.content).join('\n\n');
}

/** A list of 2–4 responses: strings, or objects with "text" (or "content", "response") and optional "id" and "model". */
export function readResponseList(record: JsonRecord, field: string): ModelResponse[] {
  const list = record.array(field);
  const responses = list.map((item, index): ModelResponse => {
    const path = `${field}[${index}]`;
    if (typeof item === 'string') return { id: responseLetterId(index), text: item };
    const response = record.object(item, path);
    const textKey = ['text', 'content', 'response'].find((key) => typeof response[key] === 'string');
    if (textKey === undefined) throw record.problem(path, 'expected a string, or an object with "text"');
    const id = response['id'];
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') throw record.problem(`${path}.id`, 'expected a string or a number');
    const model = response['model'];
    if (model !== undefined && typeof model !== 'string') throw record.problem(`${path}.model`, 'expected a string');
    return { id: id === undefined ? responseLetterId(index) : String(id), text: response[textKey] as string, ...(model === undefined ? {} : { model }) };
  });
  return checkResponses(record, field, responses);
}

/** 2–4 responses with ids each used once: what a compare task holds. */
export function checkResponses(record: JsonRecord, field: string, responses: ModelResponse[]): ModelResponse[] {
  if (responses.length < MIN_RESPONSES || responses.length > MAX_RESPONSES) {
    throw record.problem(field, `a compare task holds ${MIN_RESPONSES} to ${MAX_RESPONSES} responses, found ${responses.length}`);
  }
  const ids = new Set<string>();
  for (const response of responses) {
    if (ids.has(response.id)) throw record.problem(field, `response id ${JSON.stringify(response.id)} is used twice`);
    ids.add(response.id);
  }
  return responses;
}

/** Winners a judge may name besides a response id: its letter, Chatbot Arena's model_a…, a tie or both bad. */
const TIES = ['tie', 'equal', 'same'];
const BOTH_BAD = ['both-bad', 'both_bad', 'bothbad', 'tie (bothbad)', 'neither'];

/** Which preference a winner names; undefined when it names none of these responses. */
export function preferenceOfWinner(winner: unknown, responses: readonly ModelResponse[]): Judgement['preference'] | undefined {
  if (typeof winner !== 'string') return undefined;
  const named = responses.find((response) => response.id === winner);
  if (named) return { kind: 'better', id: named.id };
  const word = winner.trim().toLowerCase();
  if (TIES.includes(word)) return { kind: 'tie' };
  if (BOTH_BAD.includes(word)) return { kind: 'both-bad' };
  const letter = /^(?:model_|response_)?([a-d])$/.exec(word)?.[1];
  const index = letter === undefined ? -1 : letter.charCodeAt(0) - 97;
  const byPosition = responses[index];
  return byPosition ? { kind: 'better', id: byPosition.id } : undefined;
}

/** An "LLM judge" field: {winner, score?, model?}; its winner as preferenceOfWinner reads it. */
export function readVerdict(record: JsonRecord, field: string, responses: readonly ModelResponse[]): CompareVerdict {
  const judge = record.object(record.fields[field], field);
  const preference = preferenceOfWinner(judge['winner'], responses);
  if (preference === undefined) {
    const ids = responses.map((response) => JSON.stringify(response.id)).join(', ');
    throw record.problem(`${field}.winner`, `expected a response id (${ids}), a letter "A"–"${String.fromCharCode(64 + responses.length)}", "tie" or "both-bad", found ${JSON.stringify(judge['winner'] ?? null)}`);
  }
  const score = judge['score'];
  if (score !== undefined && score !== null && !(typeof score === 'number' && Number.isFinite(score))) {
    throw record.problem(`${field}.score`, 'expected a number');
  }
  const model = judge['model'] ?? judge['judge'];
  return {
    judgement: { ...preferenceOnly(responses.map((response) => response.id), preference), rationale: typeof judge['rationale'] === 'string' ? judge['rationale'] : '' },
    score: typeof score === 'number' ? score : null,
    source: typeof model === 'string' ? model : null,
  };
}
