// A minimal reader of TRL preference files for `fieldlabel simulate --task compare`: one JSON object a line with
// `prompt`, `chosen` and `rejected`, each a string (standard form) or a list of {role, content} messages
// (conversational form); without `prompt` (TRL's implicit form, which it discourages) the prompt is every message of
// `chosen` but the last. Stands in until the app's own TRL import (src/lib/formats) is on main; a bad line refuses
// the file with its name and line, as readLabelledJsonl does.
import { createJsonlStream } from '../lib/formats/jsonl';
import { describeValue } from '../lib/formats/values';
import { DataError } from './labelled-jsonl';

export interface PreferenceLine {
  prompt: string;
  chosen: string;
  rejected: string;
}

interface Message {
  role: string;
  content: string;
}

export function readTrlPreferences(fileName: string, content: string): PreferenceLine[] {
  const stream = createJsonlStream(fileName);
  let items;
  try {
    items = [...stream.push(content), ...stream.end()];
  } catch (error) {
    throw new DataError(error instanceof Error ? error.message : String(error));
  }
  const lines: PreferenceLine[] = [];
  for (const item of items) {
    const where = `${fileName}, line ${item.line}`;
    if (item.kind === 'error') throw new DataError(`${where}: ${item.message}`);
    const { prompt, chosen, rejected } = item.fields;
    const chosenTurns = turns(where, 'chosen', chosen);
    const rejectedTurns = turns(where, 'rejected', rejected);
    if (prompt === undefined) {
      if (typeof chosen === 'string') throw new DataError(`${where}: no "prompt" field (a string or a list of messages)`);
      lines.push({ prompt: flatten(chosenTurns.slice(0, -1)), chosen: flatten(chosenTurns.slice(-1)), rejected: flatten(rejectedTurns.slice(-1)) });
    } else {
      lines.push({ prompt: flatten(turns(where, 'prompt', prompt)), chosen: flatten(chosenTurns), rejected: flatten(rejectedTurns) });
    }
  }
  if (lines.length === 0) throw new DataError(`${fileName}: no preference lines`);
  return lines;
}

function turns(where: string, field: string, value: unknown): Message[] {
  if (typeof value === 'string') return [{ role: field === 'prompt' ? 'user' : 'assistant', content: value }];
  const isMessage = (m: unknown): m is Message =>
    typeof m === 'object' && m !== null && typeof (m as Message).role === 'string' && typeof (m as Message).content === 'string';
  if (Array.isArray(value) && value.length > 0 && value.every(isMessage)) return value;
  const found = value === undefined ? 'nothing' : describeValue(value);
  throw new DataError(`${where}: "${field}" must be a string or a non-empty list of {"role", "content"} messages, found ${found}`);
}

function flatten(messages: Message[]): string {
  return messages.map((m) => m.content).join('\n\n');
}
