// JSON.parse reports where it failed only inside its message, worded differently by each engine:
//   V8 (Node 20):  Expected ',' or ']' after array element in JSON at position 7
//   V8 (Chrome):   ... in JSON at position 7 (line 2 column 3)
//   V8:            Unexpected token 'h', "hello" is not valid JSON      (no position at all)
//   Firefox:       JSON.parse: unexpected character at line 2 column 3 of the JSON data
// Users need the line, and a reason without the engine's echo of their data.

import { countLineBreaks } from './lines';

export interface JsonSyntaxProblem {
  /** Short and free of file content, e.g. "Expected ',' or ']' after array element". */
  reason: string;
  /** 1-based line in the parsed text, or null when the engine did not say. */
  line: number | null;
}

const MAX_REASON_LENGTH = 120;

export function describeJsonSyntaxError(error: unknown, text: string): JsonSyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  return { reason: shortReason(message), line: errorLine(message, text) };
}

function shortReason(message: string): string {
  const reason = message
    .replace(/^JSON\.parse: /, '')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '')
    .replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '');
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}

/** Where in the text JSON.parse failed, when the engine says (V8 does). */
export function jsonErrorPosition(error: unknown): number | null {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : String(error));
  return position ? Number(position[1]) : null;
}

function errorLine(message: string, text: string): number | null {
  // Prefer the offset: engines count lines by "\n" only, we also count a lone "\r".
  const position = jsonErrorPosition(new Error(message));
  if (position !== null) return 1 + countLineBreaks(text, 0, Math.min(position, text.length));
  // A file cut short: the problem is at its last line with content, not on the empty line after it.
  if (/Unexpected end of JSON input/.test(message)) return 1 + countLineBreaks(text, 0, text.trimEnd().length);
  const line = /line (\d+) column \d+/.exec(message);
  return line ? Number(line[1]) : null;
}
