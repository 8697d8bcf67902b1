// Bundles that lie about their sizes: a small zip holding a huge entry the manifest does not list, a listed entry
// that inflates to far more than the manifest says, a central directory that claims sizes the manifest does not, or
// sizes past every limit. Each is refused, or skipped, without inflating what it claims — checked by which bytes of
// the file were read.
import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../../../src/lib/formats/types';
import { writeBundle } from '../../../src/lib/sync/bundle';
import { readBundle } from '../../../src/lib/sync/bundle-read';
import { sha256Hex } from '../../../src/lib/sync/sha256';
import { inflateEntry, type ByteSource } from '../../../src/lib/sync/zip-reader';
import { bytesSource } from './factories';

const NAME = 'x.fieldlabel.zip';

async function bundle(): Promise<Uint8Array> {
  return writeBundle({
    project: { id: 'p', name: 'P', taskType: 'single', labels: [{ name: 'Yes', color: '#009E73', hotkey: '1' }], instructions: '', strategy: 'sequential', allowOverlap: false },
    createdBy: { id: 'c', name: 'C' },
    deviceId: 'd',
    createdAt: Date.UTC(2024, 4, 1),
    tasks: [{ id: 't1', seq: 0, text: 'Hello', meta: {} }],
  });
}

interface Located {
  /** Offsets of the entry's central directory record, its local header and its data. */
  record: number;
  local: number;
  data: [number, number];
}

/** Where an entry sits in a zip, read the plain way. */
function locate(zip: Uint8Array, name: string): Located {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.length);
  const end = zip.length - 22;
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    if (strFromU8(zip.subarray(at + 46, at + 46 + nameLength)) === name) {
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      return { record: at, local, data: [start, start + view.getUint32(at + 20, true)] };
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no ${name}`);
}

/** Makes the directory (and the local header) claim `size` unpacked bytes for an entry. */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const { record, local } = locate(copy, name);
  const view = new DataView(copy.buffer);
  view.setUint32(record + 24, size, true);
  view.setUint32(local + 22, size, true);
  return copy;
}

/** A byte source that remembers every range read from it. */
function watched(bytes: Uint8Array): ByteSource & { reads: [number, number][] } {
  const inner = bytesSource(bytes);
  const reads: [number, number][] = [];
  return { size: inner.size, reads, read: (start, end) => (reads.push([start, end]), inner.read(start, end)) };
}

/** The end of a zip, where its directory's end record is searched for: up to 64 kB of comment may follow the record. */
const END_SEARCH = 22 + 0xffff;

/** Whether any read but the search for the end record reached into a range: entries are read only to be inflated. */
const touches = (source: ByteSource & { reads: [number, number][] }, [start, end]: [number, number]) =>
  source.reads.some(([a, b]) => a < Math.max(0, source.size - END_SEARCH) && a < end && b > start);

/** Bytes that do not compress, so that what follows them in a zip is out of reach of the end record search. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 1;
  for (let i = 0; i < length; i++) bytes[i] = (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
  return bytes;
}

async function refusal(source: ByteSource): Promise<string> {
  const error = await readBundle(source, NAME).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FileFormatError);
  return (error as Error).message;
}

describe('bundles that lie about sizes', () => {
  it('skips a huge entry the manifest does not list, without reading a byte of it', async () => {
    const entries = unzipSync(await bundle());
    // 16 MiB of zeros deflate to 16 kB; the directory then claims 1.2 GB, as the zip in the issue did.
    const zip = claimSize(zipSync({ 'huge.bin': new Uint8Array(16 * 1024 * 1024), 'padding.bin': noise(128 * 1024), ...entries }, { level: 1 }), 'huge.bin', 1_200_000_000);
    const source = watched(zip);
    const read = await readBundle(source, NAME);
    expect(read.tasks.map((t) => t.id)).toEqual(['t1']);
    expect(touches(source, locate(zip, 'huge.bin').data)).toBe(false);
  });

  it('stops inflating a listed entry as soon as it gives more than the manifest says, though the directory agrees with the manifest', async () => {
    const original = await bundle();
    const entries = unzipSync(original);
    const listed = (entries['tasks.jsonl'] as Uint8Array).length;
    const bomb = new Uint8Array(16 * 1024 * 1024).fill(0x20);
    bomb.set(entries['tasks.jsonl'] as Uint8Array);
    entries['tasks.jsonl'] = bomb;
    const zip = claimSize(zipSync(entries, { level: 1 }), 'tasks.jsonl', listed);
    expect(await refusal(bytesSource(zip))).toBe(
      `${NAME}: tasks.jsonl: holds more than the ${listed} bytes the bundle says it does — the bundle was changed after export, or is not a fieldlabel bundle`,
    );
  });

  it('refuses a directory whose sizes differ from the manifest\'s, before inflating the entry', async () => {
    const zip = claimSize(zipSync({ ...unzipSync(await bundle()), 'padding.bin': noise(128 * 1024) }), 'tasks.jsonl', 1_100_000_000);
    const source = watched(zip);
    expect(await refusal(source)).toMatch(/^x\.fieldlabel\.zip: tasks\.jsonl is 1\.1 GB in the archive but \d+ bytes in its manifest — the bundle was changed after export$/);
    expect(touches(source, locate(zip, 'tasks.jsonl').data)).toBe(false);
  });

  it('refuses entries larger than fieldlabel reads from a bundle, even when the manifest and the directory agree', async () => {
    const entries = unzipSync(await bundle());
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] as Uint8Array));
    manifest.files['tasks.jsonl'].bytes = 1_100_000_000;
    entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
    const zip = claimSize(zipSync({ ...entries, 'padding.bin': noise(128 * 1024) }), 'tasks.jsonl', 1_100_000_000);
    const source = watched(zip);
    expect(await refusal(source)).toBe(`${NAME}: tasks.jsonl is 1.1 GB unpacked, more than fieldlabel reads from a bundle (300 MB); split the project into smaller bundles`);
    expect(touches(source, locate(zip, 'tasks.jsonl').data)).toBe(false);

    const hugeManifest = claimSize(await bundle(), 'manifest.json', 50_000_000);
    expect(await refusal(bytesSource(hugeManifest))).toBe(`${NAME}: manifest.json is 50 MB unpacked, more than fieldlabel reads from a bundle (1 MB); split the project into smaller bundles`);
  });

  it('refuses a directory pointing outside the file, and an entry listed twice', async () => {
    const zip = await bundle();
    const outside = zip.slice();
    new DataView(outside.buffer).setUint32(locate(outside, 'tasks.jsonl').record + 42, zip.length + 10, true);
    expect(await refusal(bytesSource(outside))).toMatch(/^x\.fieldlabel\.zip: tasks\.jsonl: is damaged \(.+\); copy the bundle again$/);

    const badDirectory = zip.slice();
    new DataView(badDirectory.buffer).setUint32(badDirectory.length - 22 + 16, zip.length, true);
    expect(await refusal(bytesSource(badDirectory))).toBe(`${NAME}: is a damaged zip archive (its directory lies outside the file); copy it again`);

    const entries = unzipSync(zip);
    entries['tasks.jsonX'] = strToU8('{"id":"t9","seq":0,"text":"Other","meta":{}}\n');
    const twice = zipSync(entries);
    const { record, local } = locate(twice, 'tasks.jsonX');
    for (const at of [record + 46, local + 30]) twice.set(strToU8('tasks.jsonl'), at);
    expect(await refusal(bytesSource(twice))).toBe(`${NAME}: holds tasks.jsonl more than once, so which one is meant cannot be known; export the bundle again`);
  });
});

describe('inflateEntry', () => {
  it('reads the file by slices and stops after the first one that inflates past what is expected', async () => {
    // 64 MiB that do not compress, so the file is as large as what it inflates to.
    const data = noise(64 * 1024 * 1024);
    const deflated = deflateSync(data, { level: 0 });
    const file = new Uint8Array(30 + deflated.length);
    new DataView(file.buffer).setUint32(0, 0x04034b50, true);
    file.set(deflated, 30);
    const source = watched(file);
    let given = 0;
    const entry = { name: 'tasks.jsonl', method: 8, flags: 0, compressedSize: deflated.length, size: 1_000, localHeaderOffset: 0 };
    await expect(inflateEntry(source, entry, 1_000, 'x: tasks.jsonl', (bytes) => (given += bytes.length))).rejects.toThrow('x: tasks.jsonl: holds more than the 1 kB the bundle says it does');
    expect(given).toBeLessThanOrEqual(1_000);
    expect(source.reads.reduce((n, [a, b]) => n + b - a, 0)).toBeLessThan(2 * 1024 * 1024);
  });

  it('gives back exactly what was stored', async () => {
    const text = strToU8('{"id":"t1"}\n'.repeat(10_000));
    const zip = zipSync({ 'a.jsonl': text });
    const { local } = locate(zip, 'a.jsonl');
    const view = new DataView(zip.buffer);
    const entry = { name: 'a.jsonl', method: 8, flags: 0, compressedSize: view.getUint32(locate(zip, 'a.jsonl').record + 20, true), size: text.length, localHeaderOffset: local };
    const chunks: Uint8Array[] = [];
    await inflateEntry(bytesSource(zip), entry, text.length, 'a', (bytes) => chunks.push(bytes.slice()));
    expect(await sha256Hex(new Uint8Array(chunks.flatMap((c) => [...c])))).toBe(await sha256Hex(text));
  });
});
