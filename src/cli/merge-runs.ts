// The external sort behind `fieldlabel merge`: lines in memory up to a run size, then the newest of each identity
// written out sorted as one run file; at the end the runs are merged into the output lines. Memory is bounded by the
// run size whatever the input size.
//
// Profiled on 100 files × 10,000 annotations, the time went to per-line overhead rather than to the merge itself:
// a promise per line through async generators, objects made for every line only to be compared and serialised again,
// a hash update per line, and the garbage all of it made. Here lines stay text: a run holds the canonical lines
// (annotation-line.ts), a run file is output lines, whose identity is read from their first two fields, and a line is
// parsed in full only when two versions of one identity tie on revision, time and device; lines move in chunks of
// about a megabyte, and the merge awaits only when a run's buffer is empty.
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { annotationOfLine, newestOfEachLine, type AnnotationLine } from '../lib/sync/annotation-line';
import { compareText, compareVersions } from '../lib/sync/merge';
import type { SyncAnnotation } from '../lib/sync/types';

const CHUNK_CHARS = 1 << 20;
/** Characters read from a run at a time: 100 runs open at once hold 100 of these. */
const RUN_READ_BYTES = 1 << 18;

export class SortedRuns {
  readonly #dir: string;
  readonly #runSize: number;
  readonly #paths: string[] = [];
  #current: AnnotationLine[] = [];

  constructor(dir: string, runSize: number) {
    this.#dir = dir;
    this.#runSize = runSize;
  }

  /** Returns a promise only when it must be waited for (a run being written). */
  add(a: AnnotationLine): Promise<void> | undefined {
    this.#current.push(a);
    return this.#current.length >= this.#runSize ? this.#spill() : undefined;
  }

  /**
   * Every identity's newest version as output lines, in identity order, joined into chunks: the runs merged, or
   * memory alone when nothing was spilled.
   */
  async *newestOfEach(): AsyncGenerator<string> {
    if (this.#paths.length === 0) {
      yield* inChunks(newestOfEachLine(this.#current).map(outputLine));
      return;
    }
    if (this.#current.length > 0) await this.#spill();
    yield* mergeRuns(this.#paths);
  }

  async #spill(): Promise<void> {
    const path = join(this.#dir, `run-${this.#paths.length}.jsonl`);
    const sorted = newestOfEachLine(this.#current);
    this.#current = [];
    await pipeline(Readable.from(inChunks(sorted.map(outputLine))), createWriteStream(path, { encoding: 'utf8' }));
    this.#paths.push(path);
  }
}

function outputLine(line: AnnotationLine): string {
  return `${line.text}\n`;
}

/** One line of a run: its identity, its output line (without "\n"), and the annotation itself once a tie needed it. */
interface RunEntry {
  taskId: string;
  annotatorId: string;
  line: string;
  parsed: SyncAnnotation | null;
}

/** A run file read a buffer at a time; `entry` is its current line, null once the run is exhausted. */
class RunReader {
  entry: RunEntry | null = null;
  readonly #chunks: AsyncIterator<string>;
  #lines: string[] = [];
  #next = 0;
  #partial = '';
  #ended = false;

  constructor(path: string) {
    this.#chunks = (createReadStream(path, { encoding: 'utf8', highWaterMark: RUN_READ_BYTES }) as AsyncIterable<string>)[Symbol.asyncIterator]();
  }

  /** Moves to the next line without waiting; false when the buffer is empty and refill() must run first. */
  advance(): boolean {
    if (this.#next < this.#lines.length) {
      this.entry = parseRunLine(this.#lines[this.#next++] as string);
      return true;
    }
    if (this.#ended) {
      this.entry = null;
      return true;
    }
    return false;
  }

  async refill(): Promise<void> {
    while (this.#next >= this.#lines.length && !this.#ended) {
      const chunk = await this.#chunks.next();
      if (chunk.done) {
        this.#ended = true;
        this.#lines = this.#partial === '' ? [] : [this.#partial];
        this.#partial = '';
      } else {
        const lines = (this.#partial + chunk.value).split('\n');
        this.#partial = lines.pop() as string;
        this.#lines = lines;
      }
      this.#next = 0;
    }
  }
}

/** How every annotation line starts (annotationToJson's key order): the identity is read from there, unparsed. */
const TASK_ID_KEY = '{"task_id":';
const ANNOTATOR_ID_KEY = ',"annotator_id":';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function parseRunLine(text: string): RunEntry {
  const taskOpen = TASK_ID_KEY.length;
  const taskClose = closingQuote(text, taskOpen);
  const annotatorOpen = taskClose + 1 + ANNOTATOR_ID_KEY.length;
  const annotatorClose = closingQuote(text, annotatorOpen);
  return { taskId: jsonString(text, taskOpen, taskClose), annotatorId: jsonString(text, annotatorOpen, annotatorClose), line: text, parsed: null };
}

/** Where the JSON string whose opening quote is at `open` ends. */
function closingQuote(text: string, open: number): number {
  if (text.charCodeAt(open) !== QUOTE) throw new Error(`not an annotation line of a merge run: ${text.slice(0, 80)}`);
  for (let i = open + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i;
    if (code === BACKSLASH) i++;
  }
  throw new Error(`not an annotation line of a merge run: ${text.slice(0, 80)}`);
}

/** JSON.stringify escapes only with a backslash: without one, the characters between the quotes are the value. */
function jsonString(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

function compareEntryIdentity(x: RunEntry, y: RunEntry): number {
  return compareText(x.taskId, y.taskId) || compareText(x.annotatorId, y.annotatorId);
}

/** Identity ascending, newest first within one: the first of each identity taken from the merged runs is its winner. */
function mergeOrder(x: RunEntry, y: RunEntry): number {
  return compareEntryIdentity(x, y) || compareVersions(annotationOf(y), annotationOf(x));
}

function annotationOf(entry: RunEntry): SyncAnnotation {
  entry.parsed ??= annotationOfLine(entry.line);
  return entry.parsed;
}

/**
 * k-way merge of runs sorted by identity, each identity at most once per run. The heads stay in a sorted array: runs
 * are few (tens), so a binary search and a splice cost less than a heap's bookkeeping.
 */
async function* mergeRuns(paths: readonly string[]): AsyncGenerator<string> {
  const heads: RunReader[] = [];
  const place = (run: RunReader): void => {
    const entry = run.entry;
    if (entry === null) return;
    let low = 0;
    let high = heads.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (mergeOrder((heads[mid] as RunReader).entry as RunEntry, entry) <= 0) low = mid + 1;
      else high = mid;
    }
    heads.splice(low, 0, run);
  };
  const step = async (run: RunReader): Promise<void> => {
    await run.refill();
    run.advance();
    place(run);
  };
  for (const path of paths) await step(new RunReader(path));
  let chunk = '';
  let last: RunEntry | null = null;
  while (heads.length > 0) {
    const run = heads.shift() as RunReader;
    const entry = run.entry as RunEntry;
    if (last === null || compareEntryIdentity(entry, last) !== 0) {
      chunk += `${entry.line}\n`;
      last = entry;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    // Awaiting only when the run's buffer is empty: a promise per line cost more than the comparisons.
    if (run.advance()) place(run);
    else await step(run);
  }
  if (chunk !== '') yield chunk;
}

/** Lines joined into chunks of about a megabyte: one stream write per line costs more than the merge itself. */
export function* inChunks(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
