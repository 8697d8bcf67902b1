// Plain text: one task per line. The line is the task's text exactly as written (only the line ending goes),
// because leading spaces or trailing punctuation may be what the label is about.

import { createLineSplitter, isBlankLine, type NumberedLine } from './lines';
import type { RecordItem, RecordStream } from './types';

export function createTextStream(): RecordStream {
  const lines = createLineSplitter();
  const toRecords = (batch: NumberedLine[]): RecordItem[] =>
    batch
      .filter(({ text }) => !isBlankLine(text))
      .map(({ text, line }) => ({ kind: 'record', line, fields: { text } }));
  return {
    push: (text) => toRecords(lines.push(text)),
    end: () => toRecords(lines.end()),
  };
}
