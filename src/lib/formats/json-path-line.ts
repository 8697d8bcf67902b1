// The line a field of a JSON text starts on. JSON.parse says nothing about positions, so a message about a field of
// a pretty-printed file (a bundle's manifest.json) would otherwise name no line. Only called on text JSON.parse
// accepted, so the scanner trusts the syntax: raw line breaks sit between tokens, never inside strings.
import { closingQuote } from './json';

export type JsonPath = readonly (string | number)[];

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;

/** The path of a field as messages name it: `project.labels[1].name`, `files["model/a.json"].bytes`. */
export function parseFieldPath(field: string): (string | number)[] {
  return [...field.matchAll(/\["([^"]*)"\]|\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] as string))));
}

/**
 * 1-based line on which the value at `path` starts; for a path that goes further than the text (a missing field),
 * the line of the deepest object or array on the way that exists.
 */
export function lineOfJsonPath(text: string, path: JsonPath): number {
  let i = 0;
  let line = 1;
  const at = () => text.charCodeAt(i);
  const newline = (code: number) => code === LF || code === CR;
  const step = () => {
    if (at() === CR || (at() === LF && text.charCodeAt(i - 1) !== CR)) line++;
    i++;
  };
  const skipSpace = () => {
    while (i < text.length && (newline(at()) || at() === 0x20 || at() === 0x09)) step();
  };
  const skipValue = () => {
    const first = at();
    if (first === QUOTE) {
      i = closingQuote(text, i) + 1;
      return;
    }
    if (first !== 0x5b && first !== 0x7b) {
      while (i < text.length && !/[,\]}\s]/.test(text[i] as string)) i++;
      return;
    }
    let depth = 0;
    do {
      const code = at();
      if (code === QUOTE) {
        i = closingQuote(text, i) + 1;
        continue;
      }
      if (code === 0x5b || code === 0x7b) depth++;
      else if (code === 0x5d || code === 0x7d) depth--;
      step();
    } while (depth > 0 && i < text.length);
  };

  skipSpace();
  for (const key of path) {
    const container = line;
    const isArray = at() === 0x5b;
    if (isArray !== (typeof key === 'number') || (!isArray && at() !== 0x7b)) return container;
    i++;
    for (let index = 0; ; index++) {
      skipSpace();
      if (at() === 0x5d || at() === 0x7d || i >= text.length) return container;
      let match = index === key;
      if (!isArray) {
        const start = i;
        i = closingQuote(text, i) + 1;
        match = JSON.parse(text.slice(start, i)) === key;
        skipSpace();
        i++;
        skipSpace();
      }
      if (match) break;
      skipValue();
      skipSpace();
      if (at() === 0x2c) i++;
    }
  }
  return line;
}
