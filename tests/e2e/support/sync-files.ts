// Label files and bundles written the way a coordinator's own script would write them: by the format's rules
// (docs/formats.md), not by the app, so a test can make them say anything — including what the app must refuse.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { createHash } from 'node:crypto';

const AT = '2024-05-01T09:00:00.000Z';
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface LabelLine {
  taskId: string;
  annotator: { id: string; name: string };
  value: string[];
}

/** A full label file of `projectId`, checksummed as the app writes one. */
export function labelFile(projectId: string, lines: LabelLine[]): string {
  const rows = lines.map((l, i) =>
    JSON.stringify({
      task_id: l.taskId,
      annotator_id: l.annotator.id,
      annotator_name: l.annotator.name,
      role: 'label',
      value: l.value,
      status: 'labelled',
      created_at: AT,
      updated_at: AT,
      revision: i + 1,
      device_id: 'dev-field',
    }),
  );
  const checksum = `sha256:${sha256(rows.map((r) => `${r}\n`).join(''))}`;
  const header = { type: 'fieldlabel.labels', version: 1, project_id: projectId, annotator: lines[0]?.annotator ?? { id: 'x', name: 'X' }, device_id: 'dev-field', created_at: AT, scope: 'full', since_revision: null, count: rows.length, checksum };
  return [JSON.stringify(header), ...rows].map((line) => `${line}\n`).join('');
}

export interface BundleSpec {
  project: { id: string; name: string; labels: { name: string; color: string; hotkey: string }[] };
  tasks: { id: string; text: string }[];
  /** Entries the manifest does not list. */
  unlisted?: Zippable;
}

/** A single-label project bundle, its manifest pretty-printed as the app writes it. */
export function bundle(spec: BundleSpec): Uint8Array {
  const tasks = strToU8(spec.tasks.map((t, seq) => `${JSON.stringify({ id: t.id, seq, text: t.text, meta: {} })}\n`).join(''));
  const manifest = {
    type: 'fieldlabel.bundle',
    version: 1,
    project: { ...spec.project, task_type: 'single', instructions: '', strategy: 'sequential' },
    created_by: { id: 'coord', name: 'Coordinator' },
    created_at: AT,
    files: { 'tasks.jsonl': { sha256: sha256(tasks), bytes: tasks.length, count: spec.tasks.length } },
  };
  return zipSync({ 'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`), 'tasks.jsonl': tasks, ...spec.unlisted }, { level: 1 });
}

/** Makes the zip's directory claim `size` unpacked bytes for an entry, as a zip bomb's does. */
export function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const end = copy.length - 22;
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(copy.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
      return copy;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no ${name} in the zip`);
}
