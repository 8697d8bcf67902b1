// Bundles changed after export, as a person or a script that skipped the app would change them, and the message a
// refused one gives.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect } from 'vitest';
import { FileFormatError } from '../../../src/lib/formats/types';
import { readBundle } from '../../../src/lib/sync/bundle-read';
import { sha256Hex } from '../../../src/lib/sync/sha256';
import { bytesSource } from './factories';

/** Rewrites entries of a bundle, as someone unpacking and re-zipping it by hand would. */
export function edit(bytes: Uint8Array, change: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(bytes);
  change(entries);
  return zipSync(entries);
}

/** Rewrites tasks.jsonl and its manifest entry, as a coordinator's script that skipped the app would. */
export function editTasks(bytes: Uint8Array, lines: object[]): Promise<Uint8Array> {
  const tasks = strToU8(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return sha256Hex(tasks).then((sha256) =>
    editManifest(
      edit(bytes, (e) => (e['tasks.jsonl'] = tasks)),
      (m) => (m.files['tasks.jsonl'] = { sha256, bytes: tasks.length, count: lines.length }),
    ),
  );
}

export function editManifest(bytes: Uint8Array, change: (manifest: Record<string, any>) => void): Uint8Array {
  return edit(bytes, (entries) => {
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] as Uint8Array));
    change(manifest);
    entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  });
}

export async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await readBundle(bytesSource(bytes), 'reviews.fieldlabel.zip').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileFormatError);
  return (error as Error).message;
}
