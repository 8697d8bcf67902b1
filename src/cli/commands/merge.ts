// `fieldlabel merge`: many label files in, one out. Files are streamed line by line and only the newest version of
// each annotation is kept, so 500 files of 10,000 labels never sit in memory at once; the output is sorted, so the
// same files give the same bytes in whatever order they are named. `stats` and `final` read their input here too.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileFormatError } from '../../lib/formats/types';
import { createLabelFileReader } from '../../lib/sync/label-file-read';
import { annotationLine, headerLine, type LabelFileHeaderInput } from '../../lib/sync/label-file-write';
import { MergeSet } from '../../lib/sync/merge';
import type { Sha256 } from '../../lib/sync/sha256';
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

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const out = args.flags.get('out') as string;
  const merged = await mergeLabelFiles(args.positionals, io);
  // The newest export among the inputs, not the clock: the output must not depend on when the merge ran.
  const header: LabelFileHeaderInput = { projectId: merged.projectId, ...MERGED_BY, createdAt: merged.newestExport, scope: 'full' };
  await writeLabelFileStreaming(out, header, merged.annotations);
  io.stderr(`${formatCount(merged.read)} annotations in ${args.positionals.length} files → ${formatCount(merged.annotations.size)} in ${out}\n`);
}

export interface MergedLabelFiles {
  projectId: string;
  annotations: MergeSet;
  /** Annotation lines read, over all files. */
  read: number;
  newestExport: number;
}

/** Reads every file whole before anything is written, so a bad file stops the command with nothing changed. */
export async function mergeLabelFiles(paths: readonly string[], io: CliIo): Promise<MergedLabelFiles> {
  const annotations = new MergeSet();
  let project: { id: string; file: string } | null = null;
  let read = 0;
  let newestExport = 0;
  for (const path of paths) {
    const reader = createLabelFileReader(path, nodeSha256());
    const input = createReadStream(path, { encoding: 'utf8' });
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        const annotation = reader.push(line);
        if (annotation === null) continue;
        annotations.add(annotation);
        read++;
      }
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
  return { projectId: project.id, annotations, read, newestExport };
}

/** Two passes over the sorted annotations: one for the checksum the header needs, one to write. */
async function writeLabelFileStreaming(out: string, header: LabelFileHeaderInput, annotations: MergeSet): Promise<void> {
  const sorted = annotations.sorted();
  const sha = createHash('sha256');
  for (const a of sorted) sha.update(annotationLine(a));
  const checksum = sha.digest('hex');
  async function* lines(): AsyncGenerator<string> {
    yield headerLine(header, sorted.length, checksum);
    for (const a of sorted) yield annotationLine(a);
  }
  await writeFileAtomically(out, lines());
}

/** Written beside the target and renamed at the end, so an interrupted run never leaves half a file under its name. */
export async function writeFileAtomically(out: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial, { encoding: 'utf8' }));
    await rename(partial, out);
  } catch (error) {
    throw asDataError(error, out, 'written');
  }
}

function nodeSha256(): Sha256 {
  const hash = createHash('sha256');
  return {
    update: (text) => void hash.update(text, 'utf8'),
    digest: async () => hash.digest('hex'),
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
