// JSON Lines: one JSON object per line. A bad line is reported and skipped, but a bad FIRST line means the
// file is something else (a pretty-printed array, a CSV with the wrong extension, ...), and importing the
// few lines that happen to parse would be worse than refusing it whole.

import { describeJsonSyntaxError } from './json-error';
import { describeDeepNesting, MAX_RECORD_CHARS, recordTooLong } from './limits';
import { createLineSplitter, isBlankLine, type NumberedLine } from './lines';
import { FileFormatError, type RecordItem, type RecordStream } from './types';
import { describeValue, isPlainObject } from './values';

/** `found` says what the line is when it is not a JSON object at all: on the first line, that refuses the file. */
type LineResult = { fields: Record<string, unknown> } | { found: string | null; problem: string };

export function createJsonlStream(fileName: string): RecordStream {
  const lines = createLineSplitter({ maxLength: MAX_RECORD_CHARS, refuse: (line) => recordTooLong(fileName, line) });
  let sawFirstLine = false;

  const toItems = (batch: NumberedLine[]): RecordItem[] => {
    const items: RecordItem[] = [];
    for (const { text, line } of batch) {
      if (isBlankLine(text)) continue;
      const result = parseLine(text);
      if (!sawFirstLine && 'problem' in result && result.found !== null) {
        throw new FileFormatError(
          fileName,
          line,
          `is not JSON Lines: expected one JSON object per line, found ${result.found}`,
        );
      }
      sawFirstLine = true;
      items.push(
        'fields' in result
          ? { kind: 'record', line, fields: result.fields }
          : { kind: 'error', line, message: result.problem },
      );
    }
    return items;
  };

  return {
    push: (text) => toItems(lines.push(text)),
    end: () => toItems(lines.end()),
  };
}

function parseLine(text: string): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { reason } = describeJsonSyntaxError(error, text);
    return { found: `text that is not valid JSON (${reason})`, problem: `not valid JSON (${reason})` };
  }
  if (isPlainObject(value)) {
    const tooDeep = describeDeepNesting(value);
    return tooDeep === null ? { fields: value } : { found: null, problem: tooDeep };
  }
  const found = describeValue(value);
  return { found, problem: `expected a JSON object, found ${found}` };
}
