// Project bundles (*.fieldlabel.zip): everything a coordinator hands an annotator, or an annotator hands back, in
// one file — the project, its tasks, optionally its annotations and a model. Every file in the archive is listed in
// manifest.json with its SHA-256, so a damaged or edited bundle is refused before anything of it is applied.
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describeJsonSyntaxError } from '../formats/json-error';
import { createLineSplitter, isBlankLine } from '../formats/lines';
import { FileFormatError } from '../formats/types';
import { describeValue, isPlainObject } from '../formats/values';
import {
  BUNDLE_TYPE,
  BUNDLE_VERSION,
  LABELS_FILE,
  MANIFEST,
  MODEL_FOLDER,
  parseManifest,
  parseTask,
  TASKS_FILE,
  type BundleFileEntry,
} from './bundle-schema';
import { FieldProblem } from './fields';
import { readLabelFile } from './label-file-read';
import { writeLabelFile } from './label-file-write';
import { sha256Hex } from './sha256';
import { projectToJson, type BundleProject, type BundleTask, type LabelFile, type SyncAnnotation } from './types';

const ZIP_TIME_RANGE = [Date.UTC(1980, 0, 2), Date.UTC(2099, 11, 30)] as const;

export interface BundleInput {
  project: BundleProject;
  createdBy: { id: string; name: string };
  /** The device writing the bundle, recorded in its label file. */
  deviceId: string;
  createdAt: number;
  tasks: readonly BundleTask[];
  annotations?: readonly SyncAnnotation[];
  /** Model files by their path inside the model folder, e.g. "onnx/model.onnx". */
  model?: Readonly<Record<string, Uint8Array>>;
}

export interface Bundle {
  project: BundleProject;
  createdBy: { id: string; name: string };
  createdAt: number;
  tasks: BundleTask[];
  labels: LabelFile | null;
  model: Record<string, Uint8Array>;
}

export async function writeBundle(input: BundleInput): Promise<Uint8Array> {
  const tasks = [...input.tasks].sort((a, b) => a.seq - b.seq);
  const contents: [string, Uint8Array, number | undefined][] = [
    [TASKS_FILE, strToU8(tasks.map((t) => `${JSON.stringify({ id: t.id, seq: t.seq, text: t.text, meta: t.meta })}\n`).join('')), tasks.length],
  ];
  if (input.annotations !== undefined) {
    const header = { projectId: input.project.id, annotator: input.createdBy, deviceId: input.deviceId, createdAt: input.createdAt, scope: 'full' } as const;
    contents.push([LABELS_FILE, strToU8(await writeLabelFile(header, input.annotations)), input.annotations.length]);
  }
  for (const [path, bytes] of Object.entries(input.model ?? {})) {
    if (!isInsideFolder(path)) throw new Error(`model file path "${path}" must stay inside the model folder`);
    contents.push([MODEL_FOLDER + path, bytes, undefined]);
  }
  const files: Record<string, BundleFileEntry> = {};
  for (const [name, bytes, count] of contents) {
    files[name] = { sha256: await sha256Hex(bytes), bytes: bytes.length, ...(count === undefined ? {} : { count }) };
  }
  const manifest = {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    project: projectToJson(input.project),
    created_by: { id: input.createdBy.id, name: input.createdBy.name },
    created_at: new Date(input.createdAt).toISOString(),
    files,
  };
  const zippable: Zippable = { [MANIFEST]: strToU8(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const [name, bytes] of contents) zippable[name] = bytes;
  // Entries carry the bundle's creation time, so writing the same bundle twice on one machine gives the same bytes
  // (zip times are local time, so another time zone gives other bytes, never other contents). Zip times only span
  // 1980–2099, and a device whose clock was never set must still be able to export.
  const mtime = Math.min(Math.max(input.createdAt, ZIP_TIME_RANGE[0]), ZIP_TIME_RANGE[1]);
  return zipSync(zippable, { level: 6, mtime });
}

export async function readBundle(bytes: Uint8Array, fileName: string): Promise<Bundle> {
  const entries = unzip(bytes, fileName);
  const manifestBytes = entries[MANIFEST];
  if (manifestBytes === undefined) throw new FileFormatError(fileName, null, `is not a fieldlabel project bundle: it has no ${MANIFEST}`);
  const manifest = parseManifest(decodeText(manifestBytes, `${fileName}: ${MANIFEST}`), fileName);
  if (!manifest.files.has(TASKS_FILE)) throw new FileFormatError(fileName, null, `has no ${TASKS_FILE}: a project bundle always holds its tasks`);
  for (const [name, entry] of manifest.files) await checkEntry(entries[name], name, entry, fileName);

  const tasks = readTasks(entries[TASKS_FILE] as Uint8Array, `${fileName}: ${TASKS_FILE}`);
  checkCount(manifest.files.get(TASKS_FILE), TASKS_FILE, tasks.length, fileName);
  let labels: LabelFile | null = null;
  const labelBytes = manifest.files.has(LABELS_FILE) ? entries[LABELS_FILE] : undefined;
  if (labelBytes !== undefined) {
    const where = `${fileName}: ${LABELS_FILE}`;
    labels = await readLabelFile(decodeText(labelBytes, where), where);
    if (labels.header.projectId !== manifest.project.id) {
      throw new FileFormatError(where, null, `belongs to project "${labels.header.projectId}", not to the bundle's project "${manifest.project.id}"`);
    }
    checkCount(manifest.files.get(LABELS_FILE), LABELS_FILE, labels.annotations.length, fileName);
  }
  const model: Record<string, Uint8Array> = {};
  for (const name of manifest.files.keys()) {
    if (!name.startsWith(MODEL_FOLDER)) continue;
    const path = name.slice(MODEL_FOLDER.length);
    // The app stores these files by their path: one named "../x" must not land outside the model's place.
    if (!isInsideFolder(path)) throw new FileFormatError(fileName, null, `holds a model file outside the model folder (${name}); it is not safe to open`);
    model[path] = entries[name] as Uint8Array;
  }
  return { project: manifest.project, createdBy: manifest.createdBy, createdAt: manifest.createdAt, tasks, labels, model };
}

function isInsideFolder(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split(/[/\\]/).includes('..');
}

function unzip(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  // "PK\x03\x04" starts a zip with files, "PK\x05\x06" an empty one.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
  if (!isZip) throw new FileFormatError(fileName, null, 'is not a zip archive: a project bundle is a .fieldlabel.zip file');
  try {
    return unzipSync(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FileFormatError(fileName, null, `is a damaged zip archive (${reason}); copy it again`);
  }
}

async function checkEntry(bytes: Uint8Array | undefined, name: string, entry: BundleFileEntry, fileName: string): Promise<void> {
  if (bytes === undefined) {
    throw new FileFormatError(fileName, null, `lists ${name} in its manifest, but the archive does not hold it — the bundle is incomplete`);
  }
  if (bytes.length !== entry.bytes || (await sha256Hex(bytes)) !== entry.sha256) {
    throw new FileFormatError(fileName, null, `${name} was changed after export (checksum mismatch); export the bundle again`);
  }
}

/** The checksums already matched, so a wrong count means the manifest itself was edited. */
function checkCount(entry: BundleFileEntry | undefined, name: string, count: number, fileName: string): void {
  if (entry?.count === undefined || entry.count === count) return;
  throw new FileFormatError(fileName, null, `${name} holds ${count} records but the manifest says ${entry.count} — the bundle was changed after export`);
}

function readTasks(bytes: Uint8Array, where: string): BundleTask[] {
  const splitter = createLineSplitter();
  const text = decodeText(bytes, where);
  const tasks: BundleTask[] = [];
  const lineOfId = new Map<string, number>();
  for (const { text: line, line: number } of [...splitter.push(text), ...splitter.end()]) {
    if (isBlankLine(line)) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new FileFormatError(where, number, `not valid JSON (${describeJsonSyntaxError(error, line).reason})`);
    }
    if (!isPlainObject(json)) throw new FileFormatError(where, number, `expected a JSON object, found ${describeValue(json)}`);
    let task: BundleTask;
    try {
      task = parseTask(json);
    } catch (error) {
      if (error instanceof FieldProblem) throw new FileFormatError(where, number, error.message);
      throw error;
    }
    const first = lineOfId.get(task.id);
    if (first !== undefined) throw new FileFormatError(where, number, `task id "${task.id}" is already on line ${first}: task ids must be unique`);
    lineOfId.set(task.id, number);
    tasks.push(task);
  }
  return tasks;
}

function decodeText(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileFormatError(where, null, 'is not UTF-8 text');
  }
}
