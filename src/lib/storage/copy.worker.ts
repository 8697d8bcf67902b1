// Keeps the second copy of the labels (copy-format.ts) in the origin private file system. A worker, because only
// workers get synchronous access handles: an append and its flush to disk take a few milliseconds, in place.
import * as Comlink from 'comlink';
import { COPY_FOLDER, type CopyApi } from './copy-api';
import { foldJournals, lastRevision, readDeviceRecord } from './copy-format';

const DEVICE_FILES = ['device-a.json', 'device-b.json'] as const;
const TAIL_BYTES = 16 * 1024;
/** Journals of closed tabs allowed before they are folded into one. */
const FOLD_AT = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let folder: Promise<FileSystemDirectoryHandle> | null = null;
let journal: { name: string; access: FileSystemSyncAccessHandle; size: number } | null = null;

function copyFolder(): Promise<FileSystemDirectoryHandle> {
  folder ??= navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(COPY_FOLDER, { create: true }));
  return folder;
}

function journalName(): string {
  return `labels-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}.jsonl`;
}

/** This tab's journal, created at its first label: a tab that only looks writes no file. */
async function ownJournal(): Promise<NonNullable<typeof journal>> {
  if (journal) return journal;
  const name = journalName();
  const access = await (await (await copyFolder()).getFileHandle(name, { create: true })).createSyncAccessHandle();
  journal = { name, access, size: access.getSize() };
  return journal;
}

async function readFile(name: string): Promise<string | null> {
  try {
    return await (await (await (await copyFolder()).getFileHandle(name)).getFile()).text();
  } catch {
    return null;
  }
}

async function journalNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const name of (await copyFolder()).keys()) if (name.startsWith('labels-')) names.push(name);
  return names.sort();
}

function readOwn(start: number): string {
  const own = journal as NonNullable<typeof journal>;
  const bytes = new Uint8Array(own.size - start);
  own.access.read(bytes, { at: start });
  return decoder.decode(bytes);
}

const api: CopyApi = {
  async append(lines) {
    const own = await ownJournal();
    const bytes = encoder.encode(lines);
    const written = own.access.write(bytes, { at: own.size });
    if (written < bytes.length) {
      // A part-written line would be read as cut off; drop it so the next append starts on a clean line.
      own.access.truncate(own.size);
      throw new DOMException('The second copy of the labels could not be written: the disk is full.', 'QuotaExceededError');
    }
    own.access.flush();
    own.size += written;
  },

  async writeDevice(text) {
    await navigator.locks.request('fieldlabel-device-record', async () => {
      const dir = await copyFolder();
      const [a, b] = await Promise.all(DEVICE_FILES.map(readFile));
      // The older (or unreadable) one is replaced: the newer stays whole whatever happens to this write.
      const target = writtenAt(a) <= writtenAt(b) ? DEVICE_FILES[0] : DEVICE_FILES[1];
      const access = await (await dir.getFileHandle(target, { create: true })).createSyncAccessHandle();
      try {
        access.truncate(0);
        access.write(encoder.encode(text), { at: 0 });
        access.flush();
      } finally {
        access.close();
      }
    });
  },

  async readDevice() {
    const texts = await Promise.all(DEVICE_FILES.map(readFile));
    return texts.filter((text): text is string => text !== null && text !== '');
  },

  async lastRevision() {
    let highest = 0;
    for (const name of await journalNames()) {
      let tail: string | null;
      if (journal?.name === name) tail = readOwn(Math.max(0, journal.size - TAIL_BYTES));
      else {
        try {
          const file = await (await (await copyFolder()).getFileHandle(name)).getFile();
          tail = await file.slice(Math.max(0, file.size - TAIL_BYTES)).text();
        } catch {
          tail = null;
        }
      }
      if (tail !== null) highest = Math.max(highest, lastRevision(tail));
    }
    return highest;
  },

  async compact() {
    await navigator.locks.request('fieldlabel-copy-fold', async () => {
      const closed = await closedJournals();
      try {
        if (closed.length < FOLD_AT) return;
        const texts = closed.map(({ access }) => {
          const bytes = new Uint8Array(access.getSize());
          access.read(bytes, { at: 0 });
          return decoder.decode(bytes);
        });
        const dir = await copyFolder();
        const folded = await (await dir.getFileHandle(journalName(), { create: true })).createSyncAccessHandle();
        try {
          folded.write(encoder.encode(foldJournals(texts)), { at: 0 });
          folded.flush();
        } finally {
          folded.close();
        }
        // Only once the folded file is on disk: a crash in between leaves lines twice, which reading merges.
        for (const { name, access } of closed.splice(0)) {
          access.close();
          await dir.removeEntry(name);
        }
      } finally {
        for (const { access } of closed) access.close();
      }
    });
  },

  async readJournals() {
    const texts: string[] = [];
    for (const name of await journalNames()) {
      const text = journal?.name === name ? readOwn(0) : await readFile(name);
      if (text !== null) texts.push(text);
    }
    return texts;
  },
};

/**
 * Journals of closed tabs, each held through an exclusive handle for the fold: a live tab holds its own, so taking
 * one fails and it stays out.
 */
async function closedJournals(): Promise<{ name: string; access: FileSystemSyncAccessHandle }[]> {
  const dir = await copyFolder();
  const held: { name: string; access: FileSystemSyncAccessHandle }[] = [];
  for (const name of await journalNames()) {
    if (name === journal?.name) continue;
    try {
      held.push({ name, access: await (await dir.getFileHandle(name)).createSyncAccessHandle() });
    } catch {
      // another tab's, in use
    }
  }
  return held;
}

function writtenAt(text: string | null | undefined): number {
  return readDeviceRecord(text ?? null)?.writtenAt ?? 0;
}

Comlink.expose(api);
