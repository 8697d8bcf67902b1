// Supervised fine-tuning JSONL from the people's corrections: each correction is what the model should have said.
// TRL's prompt-completion type: a plain prompt gives {"prompt", "completion"} strings; a conversation gives
// {"messages": [...the conversation, the corrected assistant turn]}, TRL's conversational language-modelling form and
// OpenAI's chat fine-tuning line.

import type { ChatMessage } from '../../domain/compare';
import { writeJsonLines } from '../spans/json-records';
import { isPlainPrompt, type CompareDoc } from './compare-doc';
import { count, type CompareWriteResult } from './pairs';
import { assistant } from './trl';

export function write(docs: readonly CompareDoc[]): CompareWriteResult {
  const leftOut = new Map<string, number>();
  const lines: unknown[] = [];
  for (const doc of docs) {
    const { messages } = doc.content;
    for (const record of doc.judgements) {
      const correction = record.status === 'labelled' ? (record.judgement?.correction ?? null) : null;
      if (correction === null) {
        count(leftOut, 'without a correction');
        continue;
      }
      lines.push(isPlainPrompt(messages) ? { prompt: (messages[0] as ChatMessage).content, completion: correction.text } : { messages: [...messages, assistant(correction.text)] });
    }
  }
  return { output: writeJsonLines(lines), written: lines.length, leftOut };
}
