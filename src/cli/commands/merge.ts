// `fieldlabel merge`: many label files in, one out. Files are streamed line by line; the newest version of each
// annotation is found by an external merge sort (sorted runs of at most RUN_SIZE lines spilled to disk, then
// merged), so memory stays bounded whatever the number of files: 500 files of 10,000 labels never sit in memory at
// once, not even as the merged set. The output is sorted, so the same files give the same bytes in whatever order
// they are named. `stats` and `final` need every annotation at once anyway and read their input here in memory.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createLineSplitter } from '../../lib/formats/lines';
import { FileFormatError } from '../../lib/formats/types';
import { createLabelFileReader, createLabelLineReader } from '../../lib/sync/label-file-read';
import { headerLine, type LabelFileHeaderInput } from '../../lib/sync/label-file-write';
import { MergeSet } from '../../lib/sync/merge';
import type { Sha256 } from '../../lib/sync/sha256';
import type { LabelFileHeader } from '../../lib/sync/types';
import { SortedRuns } from '../merge-runs';
import { UsageError, type CommandSpec, type ParsedArgs } from '../args';
import type { CliIo } from '../io';
import { DataError } from '../labelled-jsonl';
import type { Command } from './command';

const spec: CommandSpec = {
  name: 'merge',
  summary: 'Merge label files (full or delta, from any devices, in any order) into one label file.',
  positionals: [{ name: 'files', description: 'label files (*.labels.jsonl) of one project', repeated: true }],
  flags: [{ name: 'out', kind: 'string', short: 'o', valueName: 'merged.labels.jsonl', description: 'Where to write the merged label file', required: true }],
};

export const mergeCommand: Command = { spec, run };

/** Who "wrote" a merged file: the tool, not a person, so the header is the same whoever runs it. */
const MERGED_BY = { annotator: { id: 'fieldlabel-merge', name: 'fieldlabel merge' }, deviceId: 'fieldlabel-cli' } as const;

/**
 * Lines held in memory before a sorted run is written to disk. It bounds the merge's live memory (tens of MB;
 * 1M input lines merge within a 96 MB heap) and sets how many runs the final merge opens at once: 5 million input
 * lines make about 100. Runs of 100k or 200k were no faster on 1M lines, only bigger.
 */
const RUN_SIZE = 50_000;
const READ_BYTES = 1 << 20;
const HASH_BATCH = 1 << 16;
const LF = 0x0a;

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  await writeMergedLabelFile(args.positionals, args.flags.get('out') as string, io);
}

/** `runSize`: lines per sorted run; the tests make it small to take the spilled path with few annotations. */
export async function writeMergedLabelFile(paths: readonly string[], out: string, io: CliIo, runSize = RUN_SIZE): Promise<void> {
  // Beside the output rather than in os.tmpdir(): that is often a RAM disk, which would only hide the memory used.
  const scratch = await mkdtemp(join(dirname(out), '.fieldlabel-merge-')).catch((error: unknown) => {
    throw asDataError(error, out, 'written');
  });
  try {
    const runs = new SortedRuns(scratch, runSize);
    const inputs = await readLabelFiles(paths, io, (path) => createLabelLineReader(path, nodeSha256()), (line) => runs.add(line));
    const body = join(scratch, 'body.jsonl');
    const { count, checksum } = await writeBody(body, runs.newestOfEach());
    // The newest export among the inputs, not the clock: the output must not depend on when the merge ran.
    const header: LabelFileHeaderInput = { projectId: inputs.projectId, ...MERGED_BY, createdAt: inputs.newestExport, scope: 'full' };
    await writeFileAtomically(out, withHeader(headerLine(header, count, checksum), body));
    io.stderr(`${formatCount(inputs.read)} annotations in ${paths.length} files → ${formatCount(count)} in ${out}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface MergedLabelFiles {
  projectId: string;
  annotations: MergeSet;
  /** Annotation lines read, over all files. */
  read: number;
  newestExport: number;
}

/** Every annotation of every file, merged in memory: for commands that need them all at once. */
export async function mergeLabelFiles(paths: readonly string[], io: CliIo): Promise<MergedLabelFiles> {
  const annotations = new MergeSet();
  const inputs = await readLabelFiles(paths, io, (path) => createLabelFileReader(path, nodeSha256()), (a) => void annotations.add(a));
  return { ...inputs, annotations };
}

interface LabelFileInputs {
  projectId: string;
  read: number;
  newestExport: number;
}

/** A label file's reader, handing out annotations as objects or as lines. */
interface Reader<T> {
  push(text: string): T | null;
  end(): Promise<LabelFileHeader>;
}

/**
 * Reads every file whole before anything is written, so a bad file stops the command with nothing changed. `sink`
 * takes each annotation as it is read and returns a promise only when it must be waited for (a run being written).
 */
async function readLabelFiles<T>(paths: readonly string[], io: CliIo, open: (path: string) => Reader<T>, sink: (a: T) => Promise<void> | undefined): Promise<LabelFileInputs> {
  let project: { id: string; file: string } | null = null;
  let read = 0;
  let newestExport = 0;
  for (const path of paths) {
    const reader = open(path);
    // Megabyte chunks split here rather than readline: its per-line events and regular expression were a tenth of
    // the merge's time.
    const input = createReadStream(path, { encoding: 'utf8', highWaterMark: READ_BYTES });
    const splitter = createLineSplitter();
    const take = async (lines: readonly { text: string }[]): Promise<void> => {
      for (const { text } of lines) {
        const annotation = reader.push(text);
        if (annotation === null) continue;
        const writing = sink(annotation);
        if (writing !== undefined) await writing;
        read++;
      }
    };
    try {
      for await (const chunk of input as AsyncIterable<string>) await take(splitter.push(chunk));
      await take(splitter.end());
      const header = await reader.end();
      project ??= { id: header.projectId, file: path };
      if (header.projectId !== project.id) {
        throw new DataError(`${path}: belongs to project "${header.projectId}", but ${project.file} to project "${project.id}"; merge the files of one project`);
      }
      newestExport = Math.max(newestExport, header.createdAt);
      io.stderr(`${path}: ${header.scope} file of ${header.annotator.name || header.annotator.id}, ${formatCount(header.count)} annotations\n`);
    } catch (error) {
      throw asDataError(error, path);
    } finally {
      input.destroy();
    }
  }
  if (project === null) throw new UsageError('no label files given');
  return { projectId: project.id, read, newestExport };
}

/**
 * The annotation lines, counted and hashed a chunk at a time on the way: the header, written first, needs both. Each
 * chunk is encoded once, for the hash, the count and the file alike.
 */
async function writeBody(path: string, chunks: AsyncIterable<string>): Promise<{ count: number; checksum: string }> {
  const sha = createHash('sha256');
  let count = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      sha.update(bytes);
      // Every output line ends in "\n", and JSON escapes the ones inside values.
      for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) count++;
      yield bytes;
    }
  }
  await pipeline(Readable.from(counted()), createWriteStream(path));
  return { count, checksum: sha.digest('hex') };
}

/** The body is copied as bytes: decoding and encoding it again would cost as much as writing it. */
async function* withHeader(header: string, bodyPath: string): AsyncGenerator<string | Buffer> {
  yield header;
  yield* createReadStream(bodyPath) as AsyncIterable<Buffer>;
}

/** Written beside the target and renamed at the end, so an interrupted run never leaves half a file under its name. */
export async function writeFileAtomically(out: string, chunks: AsyncIterable<string | Buffer> | Iterable<string>): Promise<void> {
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial, { encoding: 'utf8' }));
    await rename(partial, out);
  } catch (error) {
    throw asDataError(error, out, 'written');
  }
}

/**
 * The reader hashes each line as it goes; a million hash updates of a few hundred bytes cost a second, so text is
 * gathered here and hashed in pieces of HASH_BATCH characters (the same bytes, so the same digest).
 */
function nodeSha256(): Sha256 {
  const hash = createHash('sha256');
  let pending = '';
  return {
    update: (text) => {
      pending += text;
      if (pending.length >= HASH_BATCH) {
        hash.update(pending, 'utf8');
        pending = '';
      }
    },
    digest: async () => hash.update(pending, 'utf8').digest('hex'),
  };
}

/** File problems become messages naming the file; anything else is a bug and keeps its stack. */
export function asDataError(error: unknown, path: string, action: 'read' | 'written' = 'read'): unknown {
  if (error instanceof FileFormatError) return new DataError(error.message);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined) return new DataError(`${path}: cannot be ${action} (${code})`);
  return error;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
