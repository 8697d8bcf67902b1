// Reading a project bundle from a file that may lie. The zip's directory is read first, then the manifest; every
// entry the manifest lists is checked against the directory and against limits before anything else is inflated;
// entries it does not list are never read. Each listed entry is then inflated as a stream, parsed and hashed as it
// comes, and refused as soon as it gives more bytes than the manifest says — so neither a small zip claiming, nor
// one holding, gigabytes costs more than a few megabytes. Runs in the bundle worker (lib/bundle), and in Node.
import { createLineSplitter, isBlankLine, type NumberedLine } from '../formats/lines';
import { describeJsonSyntaxError } from '../formats/json-error';
import { FileFormatError } from '../formats/types';
import { describeValue, isPlainObject } from '../formats/values';
import type { Bundle } from './bundle';
import { isInsideFolder, LABELS_FILE, MANIFEST, MODEL_FOLDER, parseManifest, parseTask, TASKS_FILE, type BundleFileEntry, type Manifest } from './bundle-schema';
import { FieldProblem } from './fields';
import { createLabelFileCollector } from './label-file-read';
import { streamingSha256 } from './sha256';
import { Sha256Stream } from './sha256-stream';
import type { TaskType } from '../domain/types';
import type { LabelFile } from './types';
import type { BundleTask } from './bundle-types';
import { formatBytes, inflateEntry, readZipDirectory, type ByteSource, type ZipDirectory, type ZipEntry } from './zip-reader';

/**
 * What fieldlabel reads from a bundle at most, unpacked (in decimal units, as messages show them). Real bundles stay
 * far below: 100,000 tasks of a full page of text (2.5 kB) are 250 MB, and 1,000,000 annotations (100,000 tasks by
 * ten annotators, ~250 bytes a line) as much; the models a browser can run (MiniLM: 23 MB int8, 90 MB fp32; a
 * base-sized BERT in fp32: 440 MB) fit the model's share. The worker holds one parsed entry at a time, so whatever a
 * file claims, its memory stays around a gigabyte. The manifest and the zip directory are kilobytes in any real
 * bundle.
 */
export const BUNDLE_LIMITS = {
  directory: 4_000_000,
  manifest: 1_000_000,
  tasks: 300_000_000,
  labels: 300_000_000,
  model: 600_000_000,
};

export type BundleLimits = typeof BUNDLE_LIMITS;

/** What a bundle's manifest says its tasks and labels take unpacked, in bytes (0 for labels it does not hold). */
export interface ListedSizes {
  tasks: number;
  labels: number;
}

/**
 * `beforeInflating` is told the listed sizes once the manifest and the zip directory agree, before any entry is
 * inflated: where it throws (no room for them, say), the rest of the file is never read.
 */
export async function readBundle(
  source: ByteSource,
  fileName: string,
  limits: BundleLimits = BUNDLE_LIMITS,
  beforeInflating?: (sizes: ListedSizes) => Promise<void>,
): Promise<Bundle> {
  const zip = await readZipDirectory(source, fileName, limits.directory);
  const manifestEntry = zip.entries.get(MANIFEST);
  if (manifestEntry === undefined) throw new FileFormatError(fileName, null, `is not a fieldlabel project bundle: it has no ${MANIFEST}`);
  checkEntry(zip, MANIFEST, manifestEntry.size, limits.manifest, fileName);
  const manifestLines = new LineStream(`${fileName}: ${MANIFEST}`);
  const lines: string[] = [];
  await inflateEntry(source, manifestEntry, manifestEntry.size, `${fileName}: ${MANIFEST}`, (bytes) => manifestLines.push(bytes).forEach((l) => lines.push(l.text)));
  manifestLines.end().forEach((l) => lines.push(l.text));
  const manifest = parseManifest(lines.join('\n'), fileName);
  if (!manifest.files.has(TASKS_FILE)) throw new FileFormatError(fileName, null, `has no ${TASKS_FILE}: a project bundle always holds its tasks`);
  const entries = checkEntries(zip, manifest, fileName, limits);
  await beforeInflating?.({ tasks: manifest.files.get(TASKS_FILE)?.bytes ?? 0, labels: manifest.files.get(LABELS_FILE)?.bytes ?? 0 });
  const read = (name: string, consume: (bytes: Uint8Array) => void) =>
    readEntry(source, entries.get(name) as ZipEntry, manifest.files.get(name) as BundleFileEntry, fileName, name, consume);

  const taskLines = new TaskLines(`${fileName}: ${TASKS_FILE}`, manifest.project.taskType);
  await read(TASKS_FILE, (bytes) => taskLines.push(bytes));
  const tasks = taskLines.end();
  checkCount(manifest.files.get(TASKS_FILE), TASKS_FILE, tasks.length, fileName);

  let labels: LabelFile | null = null;
  if (manifest.files.has(LABELS_FILE)) {
    const where = `${fileName}: ${LABELS_FILE}`;
    const labelLines = new LineStream(where);
    const collector = createLabelFileCollector(where, streamingSha256());
    await read(LABELS_FILE, (bytes) => labelLines.push(bytes).forEach((line) => collector.push(line)));
    labelLines.end().forEach((line) => collector.push(line));
    labels = await collector.end();
    if (labels.header.projectId !== manifest.project.id) {
      throw new FileFormatError(where, null, `belongs to project "${labels.header.projectId}", not to the bundle's project "${manifest.project.id}"`);
    }
    checkCount(manifest.files.get(LABELS_FILE), LABELS_FILE, labels.annotations.length, fileName);
  }

  const model: Record<string, Uint8Array> = {};
  for (const name of entries.keys()) {
    if (!name.startsWith(MODEL_FOLDER)) continue;
    const bytes = new Uint8Array((manifest.files.get(name) as BundleFileEntry).bytes);
    let at = 0;
    await read(name, (chunk) => {
      bytes.set(chunk, at);
      at += chunk.length;
    });
    model[name.slice(MODEL_FOLDER.length)] = bytes;
  }
  return { project: manifest.project, createdBy: manifest.createdBy, createdAt: manifest.createdAt, tasks, labels, model };
}

/**
 * The entries fieldlabel reads — tasks, labels, model files — as the manifest lists them, each checked against the
 * zip's directory and the limits before any of them is inflated. Anything else in the archive or the manifest has no
 * use and is never read.
 */
function checkEntries(zip: ZipDirectory, manifest: Manifest, fileName: string, limits: BundleLimits): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let modelBytes = 0;
  for (const [name, listed] of manifest.files) {
    const isModel = name.startsWith(MODEL_FOLDER);
    if (name !== TASKS_FILE && name !== LABELS_FILE && !isModel) continue;
    const entry = zip.entries.get(name);
    if (entry === undefined) throw new FileFormatError(fileName, null, `lists ${name} in its manifest, but the archive does not hold it — the bundle is incomplete`);
    if (isModel && !isInsideFolder(name.slice(MODEL_FOLDER.length))) {
      throw new FileFormatError(fileName, null, `holds a model file outside the model folder (${name}); it is not safe to open`);
    }
    checkEntry(zip, name, listed.bytes, name === TASKS_FILE ? limits.tasks : name === LABELS_FILE ? limits.labels : limits.model, fileName);
    if (entry.size !== listed.bytes) {
      throw new FileFormatError(fileName, null, `${name} is ${formatBytes(entry.size)} in the archive but ${formatBytes(listed.bytes)} in its manifest — the bundle was changed after export`);
    }
    if (isModel) modelBytes += listed.bytes;
    entries.set(name, entry);
  }
  if (modelBytes > limits.model) {
    throw new FileFormatError(fileName, null, `its model files are ${formatBytes(modelBytes)} unpacked, more than fieldlabel reads from a bundle (${formatBytes(limits.model)}); hand the model out on its own`);
  }
  return entries;
}

function checkEntry(zip: ZipDirectory, name: string, bytes: number, limit: number, fileName: string): void {
  if (zip.repeated.has(name)) throw new FileFormatError(fileName, null, `holds ${name} more than once, so which one is meant cannot be known; export the bundle again`);
  if (bytes > limit) {
    throw new FileFormatError(fileName, null, `${name} is ${formatBytes(bytes)} unpacked, more than fieldlabel reads from a bundle (${formatBytes(limit)}); split the project into smaller bundles`);
  }
}

/**
 * Inflates an entry into `consume` while hashing it. A problem `consume` finds is only reported once the whole entry
 * has been hashed: an entry changed after export is refused as such, not for whatever the change broke.
 */
async function readEntry(source: ByteSource, entry: ZipEntry, listed: BundleFileEntry, fileName: string, name: string, consume: (bytes: Uint8Array) => void): Promise<void> {
  const sha = new Sha256Stream();
  let problem: unknown = null;
  await inflateEntry(source, entry, listed.bytes, `${fileName}: ${name}`, (bytes) => {
    sha.update(bytes);
    if (problem !== null) return;
    try {
      consume(bytes);
    } catch (error) {
      problem = error;
    }
  });
  if (sha.digestHex() !== listed.sha256) throw new FileFormatError(fileName, null, `${name} was changed after export (checksum mismatch); export the bundle again`);
  if (problem !== null) throw problem;
}

/** The checksums already matched, so a wrong count means the manifest itself was edited. */
function checkCount(entry: BundleFileEntry | undefined, name: string, count: number, fileName: string): void {
  if (entry?.count === undefined || entry.count === count) return;
  throw new FileFormatError(fileName, null, `${name} holds ${count} records but the manifest says ${entry.count} — the bundle was changed after export`);
}

/** UTF-8 bytes in, numbered lines out; what is not UTF-8 is refused. */
class LineStream {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  readonly #splitter = createLineSplitter();
  readonly #where: string;
  constructor(where: string) {
    this.#where = where;
  }
  push(bytes: Uint8Array): NumberedLine[] {
    return this.#splitter.push(this.#decode(() => this.#decoder.decode(bytes, { stream: true })));
  }
  end(): NumberedLine[] {
    return [...this.#splitter.push(this.#decode(() => this.#decoder.decode())), ...this.#splitter.end()];
  }
  #decode(decode: () => string): string {
    try {
      return decode();
    } catch {
      throw new FileFormatError(this.#where, null, 'is not UTF-8 text');
    }
  }
}

/** tasks.jsonl, line by line: each line a task, ids unique. */
class TaskLines {
  readonly #tasks: BundleTask[] = [];
  readonly #lines: LineStream;
  readonly #lineOfId = new Map<string, number>();
  readonly #where: string;
  readonly #taskType: TaskType;
  constructor(where: string, taskType: TaskType) {
    this.#where = where;
    this.#taskType = taskType;
    this.#lines = new LineStream(where);
  }
  push(bytes: Uint8Array): void {
    this.#lines.push(bytes).forEach((line) => this.#line(line));
  }
  end(): BundleTask[] {
    this.#lines.end().forEach((line) => this.#line(line));
    return this.#tasks;
  }
  #line({ text, line }: NumberedLine): void {
    if (isBlankLine(text)) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new FileFormatError(this.#where, line, `not valid JSON (${describeJsonSyntaxError(error, text).reason})`);
    }
    if (!isPlainObject(json)) throw new FileFormatError(this.#where, line, `expected a JSON object, found ${describeValue(json)}`);
    let task: BundleTask;
    try {
      task = parseTask(json, this.#taskType);
    } catch (error) {
      if (error instanceof FieldProblem) throw new FileFormatError(this.#where, line, error.message);
      throw error;
    }
    const first = this.#lineOfId.get(task.id);
    if (first !== undefined) throw new FileFormatError(this.#where, line, `task id "${task.id}" is already on line ${first}: task ids must be unique`);
    this.#lineOfId.set(task.id, line);
    this.#tasks.push(task);
  }
}
