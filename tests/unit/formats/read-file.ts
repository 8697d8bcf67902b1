// Reads a file the way the import worker does (decode → detect → parse), with the bytes and the decoded text
// cut into pieces of a chosen size, so every test can also check that chunk boundaries change nothing.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTextDecoder } from '../../../src/lib/formats/decode';
import { detectFormat } from '../../../src/lib/formats/detect';
import { createRecordStream } from '../../../src/lib/formats/records';
import { FileFormatError, type ImportFormat, type RecordItem } from '../../../src/lib/formats/types';

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

export type ImportOutcome = { format: ImportFormat; items: RecordItem[] } | { error: string };

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES).sort();
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export function readFixture(name: string, chunkSize = Infinity): ImportOutcome {
  return readBytes(name, fixtureBytes(name), chunkSize);
}

export function readBytes(fileName: string, bytes: Uint8Array, chunkSize = Infinity): ImportOutcome {
  try {
    const text = decodeInPieces(fileName, bytes, chunkSize);
    const format = detectFormat(fileName, text);
    return { format, items: parseInPieces(format, fileName, text, chunkSize) };
  } catch (error) {
    if (error instanceof FileFormatError) return { error: error.message };
    throw error;
  }
}

export function decodeInPieces(fileName: string, bytes: Uint8Array, chunkSize = Infinity): string {
  const decoder = createTextDecoder(fileName);
  let text = '';
  for (let start = 0; start < bytes.length; start += chunkSize) {
    text += decoder.decode(bytes.subarray(start, Math.min(bytes.length, start + chunkSize)));
  }
  return text + decoder.end();
}

export function parseInPieces(format: ImportFormat, fileName: string, text: string, chunkSize = Infinity): RecordItem[] {
  const stream = createRecordStream(format, fileName);
  const items: RecordItem[] = [];
  for (let start = 0; start < text.length; start += chunkSize) {
    items.push(...stream.push(text.slice(start, start + chunkSize)));
  }
  items.push(...stream.end());
  return items;
}

/** What a parse threw, as the user would read it; fails the test if it threw nothing. */
export function formatErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FileFormatError) return error.message;
    throw error;
  }
  throw new Error('expected a FileFormatError, but nothing was thrown');
}
