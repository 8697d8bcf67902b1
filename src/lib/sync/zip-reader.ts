// Reading a zip archive without holding it: its central directory is read from the end of the file by slices, and
// each entry is inflated as a stream from its own slice of the file. Nothing says a zip tells the truth — a 1 MB
// file can claim, or hold, gigabytes — so the caller decides from the directory which entries to read and how big
// they may be before anything is inflated, and inflating stops as soon as an entry gives more than it was expected
// to. Pure: the source is any random-access byte reader (a File in the worker, a Blob of bytes in Node).
import { Inflate } from 'fflate';
import { FileFormatError } from '../formats/types';

export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end) of the source. */
  read(start: number, end: number): Promise<Uint8Array>;
}

export function blobSource(blob: Blob): ByteSource {
  return { size: blob.size, read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()) };
}

/** One entry as the central directory describes it. Sizes are claims until the entry is inflated. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  /** Names the directory lists more than once: which of them is meant cannot be known. */
  repeated: Set<string>;
}

const END_RECORD = 0x06054b50;
const DIRECTORY_RECORD = 0x02014b50;
const LOCAL_RECORD = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Bytes read from the file at a time, and bytes handed to the inflater at a time: a deflate stream inflates to at
 * most ~1,032 times its size, so one step can never produce more than ~17 MB before the size check runs again. */
const READ_SLICE = 1 << 20;
const INFLATE_STEP = 1 << 14;

export async function readZipDirectory(source: ByteSource, fileName: string, maxDirectoryBytes: number): Promise<ZipDirectory> {
  const damaged = (why: string) => new FileFormatError(fileName, null, `is a damaged zip archive (${why}); copy it again`);
  const head = await source.read(0, Math.min(4, source.size));
  // "PK\x03\x04" starts a zip with files, "PK\x05\x06" an empty one.
  const isZip = head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
  if (!isZip) throw new FileFormatError(fileName, null, 'is not a zip archive: a project bundle is a .fieldlabel.zip file');

  const tailStart = Math.max(0, source.size - END_RECORD_SIZE - MAX_COMMENT);
  const tail = await source.read(tailStart, source.size);
  const end = findEndRecord(tail);
  if (end === null) throw damaged('no end of central directory');
  const view = new DataView(tail.buffer, tail.byteOffset + end, END_RECORD_SIZE);
  const count = view.getUint16(10, true);
  const directorySize = view.getUint32(12, true);
  const directoryOffset = view.getUint32(16, true);
  if (view.getUint16(4, true) !== 0 || view.getUint16(6, true) !== 0) throw damaged('split over several disks');
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new FileFormatError(fileName, null, 'is a ZIP64 archive, larger than any project bundle can be; it is not a fieldlabel bundle');
  }
  if (directoryOffset + directorySize > tailStart + end) throw damaged('its directory lies outside the file');
  if (directorySize > maxDirectoryBytes) {
    throw new FileFormatError(fileName, null, `lists more files than a project bundle ever holds (a ${formatBytes(directorySize)} directory); it is not a fieldlabel bundle`);
  }

  const directory = await source.read(directoryOffset, directoryOffset + directorySize);
  const entries = new Map<string, ZipEntry>();
  const repeated = new Set<string>();
  const names = new TextDecoder();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length) throw damaged('its directory is cut short');
    const record = new DataView(directory.buffer, directory.byteOffset + at, 46);
    if (record.getUint32(0, true) !== DIRECTORY_RECORD) throw damaged('its directory is not a zip directory');
    const nameLength = record.getUint16(28, true);
    const skip = nameLength + record.getUint16(30, true) + record.getUint16(32, true);
    if (at + 46 + skip > directory.length) throw damaged('its directory is cut short');
    const entry: ZipEntry = {
      name: names.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      flags: record.getUint16(8, true),
      method: record.getUint16(10, true),
      compressedSize: record.getUint32(20, true),
      size: record.getUint32(24, true),
      localHeaderOffset: record.getUint32(42, true),
    };
    if (entries.has(entry.name)) repeated.add(entry.name);
    else entries.set(entry.name, entry);
    at += 46 + skip;
  }
  return { entries, repeated };
}

/** The end record: searched from the back, since a comment may follow it. */
function findEndRecord(tail: Uint8Array): number | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.length);
  for (let at = tail.length - END_RECORD_SIZE; at >= 0; at--) {
    if (view.getUint32(at, true) === END_RECORD && at + END_RECORD_SIZE + view.getUint16(at + 20, true) <= tail.length) return at;
  }
  return null;
}

/**
 * Inflates one entry, handing its bytes out in order as they come. `expected` is how many bytes the entry must give
 * (the caller has checked it against its limits); inflating stops with a refusal as soon as it gives more, and
 * giving fewer is refused at the end. `where` names the entry in messages, e.g. "x.fieldlabel.zip: tasks.jsonl".
 */
export async function inflateEntry(source: ByteSource, entry: ZipEntry, expected: number, where: string, onChunk: (bytes: Uint8Array) => void): Promise<void> {
  const damaged = (why: string) => new FileFormatError(where, null, `is damaged (${why}); copy the bundle again`);
  if ((entry.flags & 1) !== 0) throw new FileFormatError(where, null, 'is encrypted; a project bundle never is');
  if (entry.method !== 0 && entry.method !== 8) throw new FileFormatError(where, null, `is compressed with method ${entry.method}, which fieldlabel does not read`);
  const local = await source.read(entry.localHeaderOffset, entry.localHeaderOffset + 30);
  const header = new DataView(local.buffer, local.byteOffset, local.length);
  if (local.length < 30 || header.getUint32(0, true) !== LOCAL_RECORD) throw damaged('its local header is missing');
  const start = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const stop = start + entry.compressedSize;
  if (stop > source.size) throw damaged('its data runs past the end of the file');
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw damaged('a stored entry whose sizes differ');

  let given = 0;
  const give = (bytes: Uint8Array) => {
    given += bytes.length;
    if (given > expected) throw new FileFormatError(where, null, `holds more than the ${formatBytes(expected)} the bundle says it does — the bundle was changed after export, or is not a fieldlabel bundle`);
    if (bytes.length > 0) onChunk(bytes);
  };
  const inflater = entry.method === 8 ? new Inflate((bytes) => give(bytes)) : null;
  if (inflater !== null && stop === start) throw damaged('it has no data');
  for (let at = start; at < stop; at += READ_SLICE) {
    const slice = await source.read(at, Math.min(stop, at + READ_SLICE));
    if (inflater === null) {
      give(slice);
      continue;
    }
    const lastSlice = at + READ_SLICE >= stop;
    try {
      for (let i = 0; i < slice.length; i += INFLATE_STEP) inflater.push(slice.subarray(i, i + INFLATE_STEP), lastSlice && i + INFLATE_STEP >= slice.length);
    } catch (error) {
      if (error instanceof FileFormatError) throw error;
      throw damaged(error instanceof Error ? error.message : String(error));
    }
  }
  if (given !== expected) {
    throw new FileFormatError(where, null, `holds ${formatBytes(given)}, not the ${formatBytes(expected)} the bundle says — the bundle was changed after export`);
  }
}

/** "1.2 GB", "640 bytes": sizes in messages, in decimal units as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
}
