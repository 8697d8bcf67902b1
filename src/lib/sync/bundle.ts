// Project bundles (*.fieldlabel.zip): everything a coordinator hands an annotator, or an annotator hands back, in
// one file — the project, its tasks, optionally its annotations and a model. Every file in the archive is listed in
// manifest.json with its SHA-256, so a damaged or edited bundle is refused before anything of it is applied
// (reading: bundle-read.ts).
import { strToU8, zipSync, type Zippable } from 'fflate';
import { BUNDLE_TYPE, BUNDLE_VERSION, isInsideFolder, LABELS_FILE, MANIFEST, MODEL_FOLDER, TASKS_FILE, type BundleFileEntry } from './bundle-schema';
import { writeLabelFile } from './label-file-write';
import { sha256Hex } from './sha256';
import { type LabelFile, type SyncAnnotation } from './types';
import { projectToJson, type BundleProject, type BundleTask } from './bundle-types';

/** Keys in a fixed order, so the same tasks always give the same bytes. */
function taskToJson(t: BundleTask): Record<string, unknown> {
  const json: Record<string, unknown> = { id: t.id, seq: t.seq, text: t.text, meta: t.meta };
  if (t.compare !== undefined) {
    json.compare = {
      messages: t.compare.messages.map(({ role, content }) => ({ role, content })),
      responses: t.compare.responses.map(({ id, text, model }) => (model === undefined ? { id, text } : { id, text, model })),
    };
  }
  return json;
}

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
    [TASKS_FILE, strToU8(tasks.map((t) => `${JSON.stringify(taskToJson(t))}\n`).join('')), tasks.length],
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
