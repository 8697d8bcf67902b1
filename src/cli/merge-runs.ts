// The external sort behind `fieldlabel merge`: the newest version of each identity in memory up to a run size, then
// written out sorted as one run file; at the end the runs are merged into the output lines. Memory is bounded by the
// run size whatever the input size.
//
// Profiled on 100 files × 10,000 annotations, the time went to per-line overhead rather than to the merge itself:
// a promise per line through async generators, every run line parsed back into an annotation only to be compared,
// a hash update per line, and the garbage all of it made. Here each run line carries its identity as a small JSON
// prefix, so the merge parses a line in full only when two runs hold the same identity; lines move in chunks of
// about a megabyte, and the merge awaits only when a run's buffer is empty.
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { annotationLine } from '../lib/sync/label-file-write';
import { compareText, compareVersions, MergeSet } from '../lib/sync/merge';
import { annotationFromJson, type AnnotationJson, type SyncAnnotation } from '../lib/sync/types';

const CHUNK_CHARS = 1 << 20;
/** Characters read from a run at a time: 100 runs open at once hold 100 of these. */
const RUN_READ_BYTES = 1 << 18;

export class SortedRuns {
  readonly #dir: string;
  readonly #runSize: number;
  readonly #paths: string[] = [];
  #current = new MergeSet();

  constructor(dir: string, runSize: number) {
    this.#dir = dir;
    this.#runSize = runSize;
  }

  /** Returns a promise only when it must be waited for (a run being written). */
  add(a: SyncAnnotation): Promise<void> | undefined {
    this.#current.add(a);
    return this.#current.size >= this.#runSize ? this.#spill() : undefined;
  }

  /**
   * Every identity's newest version as output lines, in identity order, joined into chunks: the runs merged, or
   * memory alone when nothing was spilled.
   */
  async *newestOfEach(projectId: string): AsyncGenerator<string> {
    if (this.#paths.length === 0) {
      yield* inChunks(this.#current.sorted().map(annotationLine));
      return;
    }
    if (this.#current.size > 0) await this.#spill();
    yield* mergeRuns(this.#paths, projectId);
  }

  async #spill(): Promise<void> {
    const path = join(this.#dir, `run-${this.#paths.length}.jsonl`);
    const sorted = this.#current.sorted();
    this.#current = new MergeSet();
    await pipeline(Readable.from(inChunks(sorted.map(runLine))), createWriteStream(path, { encoding: 'utf8' }));
    this.#paths.push(path);
  }
}

/** `["task","annotator"]` TAB output line (no array made for it). JSON escapes tabs, so the first tab ends the prefix. */
function runLine(a: SyncAnnotation): string {
  return `[${JSON.stringify(a.taskId)},${JSON.stringify(a.annotatorId)}]\t${annotationLine(a)}`;
}

/** One line of a run: its identity, its output line, and the annotation itself once a tie needed it. */
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

function parseRunLine(text: string): RunEntry {
  const tab = text.indexOf('\t');
  const [taskId, annotatorId] = JSON.parse(text.slice(0, tab)) as [string, string];
  return { taskId, annotatorId, line: `${text.slice(tab + 1)}\n`, parsed: null };
}

function compareEntryIdentity(x: RunEntry, y: RunEntry): number {
  return compareText(x.taskId, y.taskId) || compareText(x.annotatorId, y.annotatorId);
}

/** Identity ascending, newest first within one: the first of each identity taken from the merged runs is its winner. */
function mergeOrder(x: RunEntry, y: RunEntry, projectId: string): number {
  return compareEntryIdentity(x, y) || compareVersions(annotationOf(y, projectId), annotationOf(x, projectId));
}

function annotationOf(entry: RunEntry, projectId: string): SyncAnnotation {
  entry.parsed ??= annotationFromJson(JSON.parse(entry.line) as AnnotationJson, projectId);
  return entry.parsed;
}

/**
 * k-way merge of runs sorted by identity, each identity at most once per run. The heads stay in a sorted array: runs
 * are few (tens), so a binary search and a splice cost less than a heap's bookkeeping.
 */
async function* mergeRuns(paths: readonly string[], projectId: string): AsyncGenerator<string> {
  const heads: RunReader[] = [];
  const place = (run: RunReader): void => {
    const entry = run.entry;
    if (entry === null) return;
    let low = 0;
    let high = heads.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (mergeOrder((heads[mid] as RunReader).entry as RunEntry, entry, projectId) <= 0) low = mid + 1;
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
      chunk += entry.line;
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
