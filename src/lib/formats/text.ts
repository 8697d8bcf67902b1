// Plain text: one task per line. The line is the task's text exactly as written (only the line ending goes),
// because leading spaces or trailing punctuation may be what the label is about.

import { MAX_RECORD_CHARS, recordTooLong } from './limits';
import { createLineSplitter, isBlankLine, type NumberedLine } from './lines';
import type { RecordItem, RecordStream } from './types';

export function createTextStream(fileName: string): RecordStream {
  const lines = createLineSplitter({ maxLength: MAX_RECORD_CHARS, refuse: (line) => recordTooLong(fileName, line) });
  const toRecords = (batch: NumberedLine[]): RecordItem[] =>
    batch
      .filter(({ text }) => !isBlankLine(text))
      .map(({ text, line }) => ({ kind: 'record', line, fields: { text } }));
  return {
    push: (text) => toRecords(lines.push(text)),
    end: () => toRecords(lines.end()),
  };
}
