// Bytes → text for imported files, chunk by chunk, so a large file never sits in memory as bytes and text at once.
// Strict on purpose: a file in a legacy encoding would otherwise import with "�" in every accented word, and
// nobody would notice until the labels were done.

import { countLineBreaks } from './lines';
import { FileFormatError } from './types';

export interface ChunkTextDecoder {
  decode(bytes: Uint8Array): string;
  /** Flushes the last bytes; throws if the file ends inside a character. */
  end(): string;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A NUL byte this early means an image, a spreadsheet or an archive, not a text file. */
const BINARY_SNIFF_BYTES = 8192;
/** The UTF-32 marks are four bytes long. */
const MAX_BOM_BYTES = 4;
const CR = 0x0d;
const LF = 0x0a;

export function createTextDecoder(fileName: string): ChunkTextDecoder {
  // Bytes held back until the byte-order mark and the binary sniff are settled, so neither depends on how
  // the file happens to be chunked.
  let held: Uint8Array[] | null = [];
  let heldLength = 0;
  let encoding: Encoding = 'utf-8';
  let decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  // The last few bytes already decoded: if the next chunk fails, they hold the start of the character it broke.
  let recent: Uint8Array = new Uint8Array(0);
  let decodedBytes = 0;
  let lineBreaks = 0;
  let endsWithCR = false;

  function begin(chunks: Uint8Array[]): string {
    held = null;
    const bytes = concatBytes(...chunks);
    const bom = readByteOrderMark(bytes);
    // TextDecoder has no UTF-32: read as UTF-16 it would come out as text with a NUL after every character.
    if (bom.encoding === 'utf-32') {
      throw new FileFormatError(fileName, null, 'is UTF-32 text, which cannot be read here; save it as UTF-8 and import again');
    }
    const body = bytes.subarray(bom.length);
    if (bom.encoding === 'utf-8' && body.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      throw new FileFormatError(
        fileName,
        null,
        'looks like a binary file, not text; import a .txt, .jsonl, .json, .csv or .tsv file saved as UTF-8',
      );
    }
    encoding = bom.encoding;
    // The mark is already cut off; one further U+FEFF would be content.
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    return decodeChunk(body);
  }

  function decodeChunk(bytes: Uint8Array): string {
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw invalidBytes(lineOfFirstInvalidByte(bytes));
    }
    // Past the binary sniff, a NUL is still never meant: a task holding one would show and export as garbage.
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      throw new FileFormatError(
        fileName,
        1 + lineBreaks + lineBreaksAfter(text.slice(0, nul)),
        'holds a NUL character, which no text file does: the file is damaged or is not text; remove the character or save the file again as UTF-8 text',
      );
    }
    lineBreaks += lineBreaksAfter(text);
    if (text !== '') endsWithCR = text.charCodeAt(text.length - 1) === CR;
    recent = lastBytes(recent, bytes);
    decodedBytes += bytes.length;
    return text;
  }

  /** Line breaks that text adds to what was decoded before it. */
  function lineBreaksAfter(text: string): number {
    return countLineBreaks(text) - (endsWithCR && text.charCodeAt(0) === LF ? 1 : 0);
  }

  // The decoder failed somewhere in this chunk. Re-decode the chunk, together with the unfinished character
  // the previous chunks left in the decoder, up to the failure, to count the lines before it exactly.
  function lineOfFirstInvalidByte(bytes: Uint8Array): number {
    const pending = recent.subarray(recent.length - unfinishedCharacterLength(recent, decodedBytes, encoding));
    const all = concatBytes(pending, bytes);
    const decodes = (length: number) => {
      try {
        new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(all.subarray(0, length), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    // Decoding a longer prefix can only add failures, so the longest prefix that decodes is found by bisection.
    let good = 0;
    let bad = all.length;
    while (bad - good > 1) {
      const middle = (good + bad) >>> 1;
      if (decodes(middle)) good = middle;
      else bad = middle;
    }
    const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(all.subarray(0, good), { stream: true });
    return 1 + lineBreaks + lineBreaksAfter(before);
  }

  function invalidBytes(line: number): FileFormatError {
    const problem =
      encoding === 'utf-8'
        ? 'is not UTF-8 text (invalid byte sequence); save it as UTF-8 and import again'
        : 'is not valid UTF-16 text (invalid byte sequence); save it as UTF-8 and import again';
    return new FileFormatError(fileName, line, problem);
  }

  return {
    decode(bytes) {
      if (held === null) return decodeChunk(bytes);
      held.push(bytes);
      heldLength += bytes.length;
      return heldLength < BINARY_SNIFF_BYTES + MAX_BOM_BYTES ? '' : begin(held);
    },
    end() {
      const text = held === null ? '' : begin(held);
      try {
        return text + decoder.decode();
      } catch {
        throw invalidBytes(1 + lineBreaks);
      }
    },
  };
}

function readByteOrderMark(bytes: Uint8Array): { encoding: Encoding | 'utf-32'; length: number } {
  // Before UTF-16 LE, whose mark FF FE starts the UTF-32 LE one: FF FE 00 00 as UTF-16 would be a file starting
  // with a NUL character, which no text does.
  const [first, second, third, fourth] = bytes;
  if (first === 0xff && second === 0xfe && third === 0 && fourth === 0) return { encoding: 'utf-32', length: 4 };
  if (first === 0 && second === 0 && third === 0xfe && fourth === 0xff) return { encoding: 'utf-32', length: 4 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: 'utf-8', length: 0 };
}

/**
 * How many of the last bytes decoded so far are the start of a character still waiting for its end. `recent`
 * ends a stream that decoded without error, so only its last character can be unfinished.
 */
function unfinishedCharacterLength(recent: Uint8Array, decodedBytes: number, encoding: Encoding): number {
  if (encoding === 'utf-8') {
    let lead = recent.length - 1;
    while (lead >= 0 && (recent[lead]! & 0xc0) === 0x80) lead--;
    if (lead < 0) return 0;
    const byte = recent[lead]!;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    const have = recent.length - lead;
    return have < needed ? have : 0;
  }
  const oddByte = decodedBytes % 2;
  const unitEnd = recent.length - oddByte;
  if (unitEnd < 2) return oddByte;
  const [first, second] = [recent[unitEnd - 2]!, recent[unitEnd - 1]!];
  const unit = encoding === 'utf-16le' ? first | (second << 8) : (first << 8) | second;
  const highSurrogate = unit >= 0xd800 && unit <= 0xdbff;
  return oddByte + (highSurrogate ? 2 : 0);
}

/** Four bytes cover any unfinished character: at most 3 bytes of UTF-8, or an odd byte after a high surrogate. */
function lastBytes(recent: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 4) return bytes.slice(bytes.length - 4);
  const joined = concatBytes(recent, bytes);
  return joined.slice(Math.max(0, joined.length - 4));
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
