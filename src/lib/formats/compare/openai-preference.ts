// OpenAI's preference fine-tuning (DPO) JSONL: one pair per line, {"input": {"messages": [...]}, "preferred_output":
// [one assistant message], "non_preferred_output": [one assistant message]}. Written from the people's judgements
// (ties and both bad have no slot and are counted); read as TRL is, a pair becoming a task judged by an annotator
// named after the file, the preferred output shown first or second by a hash of the content.

import type { ChatMessage, ModelResponse } from '../../domain/compare';
import { readJsonLines, takeId, writeJsonLines, type JsonRecord } from '../spans/json-records';
import { fileAnnotatorName, importedJudgement, preferenceOnly, type CompareDoc } from './compare-doc';
import { readMessages } from './fields';
import { preferencePairs, type CompareWriteResult } from './pairs';
import { assistant, chosenGoesFirst } from './trl';

const OWN_KEYS = ['input', 'preferred_output', 'non_preferred_output'];

export function write(docs: readonly CompareDoc[]): CompareWriteResult {
  const leftOut = new Map<string, number>();
  const lines = preferencePairs(docs, leftOut).map(({ doc, chosen, rejected }) => ({
    input: { messages: doc.content.messages },
    preferred_output: [assistant(chosen.text)],
    non_preferred_output: [assistant(rejected.text)],
  }));
  return { output: writeJsonLines(lines), written: lines.length, leftOut };
}

export function read(text: string, fileName: string): CompareDoc[] {
  const annotator = fileAnnotatorName(fileName);
  return readJsonLines(text, fileName).map((record) => readPair(record, annotator));
}

function readPair(record: JsonRecord, annotator: string): CompareDoc {
  const { id, rest } = takeId(record.fields);
  const input = record.object(record.fields['input'], 'input');
  const messages = readMessages(record, input['messages'], 'input.messages');
  if (messages.length === 0) throw record.problem('input.messages', 'is an empty list; a compare task needs a prompt');
  const preferred = oneAssistantMessage(record, 'preferred_output');
  const other = oneAssistantMessage(record, 'non_preferred_output');
  const preferredFirst = chosenGoesFirst(messages, preferred, other);
  const responses: ModelResponse[] = [
    { id: 'a', text: preferredFirst ? preferred : other },
    { id: 'b', text: preferredFirst ? other : preferred },
  ];
  const judgement = preferenceOnly(['a', 'b'], { kind: 'better', id: preferredFirst ? 'a' : 'b' });
  const meta = Object.fromEntries(Object.entries(rest).filter(([key]) => !OWN_KEYS.includes(key)));
  return { id, line: record.line, content: { messages, responses }, meta, judgements: [importedJudgement(annotator, judgement)], verdict: null };
}

function oneAssistantMessage(record: JsonRecord, field: string): string {
  const messages: ChatMessage[] = readMessages(record, record.fields[field], field);
  if (messages.length !== 1 || messages[0]?.role !== 'assistant') throw record.problem(field, 'expected exactly one assistant message');
  return messages[0].content;
}
