// TRL's preference type (huggingface/trl docs/source/dataset_formats.md): one pair per line, "prompt", "chosen",
// "rejected". Standard form: three strings. Conversational form: "prompt" a list of {role, content}, "chosen" and
// "rejected" lists holding the assistant turn. TRL recommends an explicit prompt; the implicit form (no "prompt",
// the conversation repeated inside chosen and rejected) is read when conversational, where the shared turns can be
// told from the answer. TRL has no slot for ties: writing leaves them out and counts them.
//
// Read, a pair becomes a task with a judgement by an annotator named after the file (the chosen response preferred),
// so a team can audit a public preference set. Which response is shown first is decided by a hash of the content:
// deterministic, and the chosen one is not always A.

import type { ChatMessage, ModelResponse } from '../../domain/compare';
import { readJsonLines, takeId, writeJsonLines, type JsonRecord } from '../spans/json-records';
import { taskContentKey } from '../tasks';
import { fileAnnotatorName, importedJudgement, isPlainPrompt, preferenceOnly, type CompareDoc } from './compare-doc';
import { readCompletion, readMessages, readPrompt } from './fields';
import { preferencePairs, type CompareWriteResult } from './pairs';

const OWN_KEYS = ['prompt', 'chosen', 'rejected'];

export function read(text: string, fileName: string): CompareDoc[] {
  const annotator = fileAnnotatorName(fileName);
  return readJsonLines(text, fileName).map((record) => readPair(record, annotator));
}

function readPair(record: JsonRecord, annotator: string): CompareDoc {
  const { id, rest } = takeId(record.fields);
  const messages = record.fields['prompt'] === undefined ? implicitPrompt(record) : readPrompt(record, 'prompt');
  const skip = messages.length;
  const chosen = record.fields['prompt'] === undefined ? answerAfter(record, 'chosen', skip) : readCompletion(record, 'chosen');
  const rejected = record.fields['prompt'] === undefined ? answerAfter(record, 'rejected', skip) : readCompletion(record, 'rejected');
  // A seeded order: the same pair always shows the same way round, and across a file the chosen one is A about half the time.
  const chosenFirst = chosenGoesFirst(messages, chosen, rejected);
  const [first, second] = chosenFirst ? [chosen, rejected] : [rejected, chosen];
  const responses: ModelResponse[] = [
    { id: 'a', text: first },
    { id: 'b', text: second },
  ];
  const judgement = preferenceOnly(['a', 'b'], { kind: 'better', id: chosenFirst ? 'a' : 'b' });
  const meta = Object.fromEntries(Object.entries(rest).filter(([key]) => !OWN_KEYS.includes(key)));
  return { id, line: record.line, content: { messages, responses }, meta, judgements: [importedJudgement(annotator, judgement)], verdict: null };
}

/** Whether the chosen response is shown first: one bit of a hash of the pair. */
export function chosenGoesFirst(messages: readonly ChatMessage[], chosen: string, rejected: string): boolean {
  const key = taskContentKey(JSON.stringify([messages, chosen, rejected]));
  return parseInt(key.slice(-1), 16) % 2 === 0;
}

/** The implicit prompt of a conversational pair: the turns chosen and rejected share before their answers. */
function implicitPrompt(record: JsonRecord): ChatMessage[] {
  if (!Array.isArray(record.fields['chosen'])) {
    throw record.problem('prompt', 'is missing; write the prompt apart from chosen and rejected (TRL’s explicit prompt), a plain-text pair cannot be split into prompt and answer');
  }
  const chosen = readMessages(record, record.fields['chosen'], 'chosen');
  let end = chosen.length;
  while (end > 0 && chosen[end - 1]?.role === 'assistant') end--;
  if (end === 0) throw record.problem('chosen', 'holds no prompt before its answer, and there is no "prompt"');
  return chosen.slice(0, end);
}

function answerAfter(record: JsonRecord, field: string, promptLength: number): string {
  const messages = readMessages(record, record.fields[field], field);
  const answer = messages.slice(promptLength);
  if (answer.length === 0 || answer.some((message) => message.role !== 'assistant')) {
    throw record.problem(field, `expected the prompt's ${promptLength} turn${promptLength === 1 ? '' : 's'}, then the assistant's answer`);
  }
  return answer.map((message) => message.content).join('\n\n');
}

/** One line per preferred–rejected pair; conversational when the task's prompt is not a single user message. */
export function write(docs: readonly CompareDoc[]): CompareWriteResult {
  const leftOut = new Map<string, number>();
  const lines = preferencePairs(docs, leftOut).map(({ doc, chosen, rejected }) => {
    const { messages } = doc.content;
    if (isPlainPrompt(messages)) return { prompt: (messages[0] as ChatMessage).content, chosen: chosen.text, rejected: rejected.text };
    return { prompt: messages, chosen: [assistant(chosen.text)], rejected: [assistant(rejected.text)] };
  });
  return { output: writeJsonLines(lines), written: lines.length, leftOut };
}

export function assistant(content: string): ChatMessage {
  return { role: 'assistant', content };
}
