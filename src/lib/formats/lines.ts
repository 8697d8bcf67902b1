// Line splitting shared by every line-based format. Files come from Windows, old Macs and Unix alike, so
// "\r\n", a lone "\r" and "\n" all end a line, and each counts once: line numbers in messages must match
// what the user sees in an editor.

export interface NumberedLine {
  /** The line without its line ending. */
  text: string;
  /** 1-based. */
  line: number;
}

export interface LineSplitter {
  push(text: string): NumberedLine[];
  end(): NumberedLine[];
}

/** Lines longer than `maxLength` are refused with `refuse(line)` as soon as they grow past it. */
export interface LineLimit {
  maxLength: number;
  refuse(line: number): Error;
}

const LINE_BREAK = /\r\n?|\n/g;
const CR = 0x0d;
const LF = 0x0a;

export function createLineSplitter(limit?: LineLimit): LineSplitter {
  // The start of a line whose end has not arrived yet.
  let partial = '';
  // A chunk that ended in "\r" may be followed by one starting with "\n": together they are one line ending.
  let afterCR = false;
  let nextLine = 1;

  return {
    push(text) {
      if (text === '') return [];
      const lines: NumberedLine[] = [];
      let start = afterCR && text.charCodeAt(0) === LF ? 1 : 0;
      afterCR = text.charCodeAt(text.length - 1) === CR;
      LINE_BREAK.lastIndex = start;
      for (let match = LINE_BREAK.exec(text); match !== null; match = LINE_BREAK.exec(text)) {
        const line = partial + text.slice(start, match.index);
        if (limit && line.length > limit.maxLength) throw limit.refuse(nextLine);
        lines.push({ text: line, line: nextLine++ });
        partial = '';
        start = match.index + match[0].length;
      }
      partial += text.slice(start);
      if (limit && partial.length > limit.maxLength) throw limit.refuse(nextLine);
      return lines;
    },
    end() {
      if (partial === '') return [];
      const last = { text: partial, line: nextLine++ };
      partial = '';
      return [last];
    },
  };
}

/** Line breaks in text[start, end), counted by the same rule as the splitter (a "\r\n" counts at its "\r"). */
export function countLineBreaks(text: string, start = 0, end = text.length): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === CR || (code === LF && (i === 0 || text.charCodeAt(i - 1) !== CR))) count++;
  }
  return count;
}

/** Blank lines carry no task in any format; they are skipped without a word. */
export function isBlankLine(text: string): boolean {
  return !/\S/.test(text);
}
