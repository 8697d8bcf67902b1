import { describe, expect, it } from 'vitest';
import { createTextDecoder } from '../../../src/lib/formats/decode';
import { decodeInPieces, fixtureBytes, formatErrorOf } from './read-file';

const CHUNK_SIZES = [1, 3, 7, 4096, Infinity];
const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((part) => [...part]));
const utf16 = (text: string, order: 'le' | 'be') =>
  new Uint8Array(
    [...text].flatMap((char) => {
      const units = char.length === 2 ? [char.charCodeAt(0), char.charCodeAt(1)] : [char.charCodeAt(0)];
      return units.flatMap((unit) => (order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
    }),
  );
/** More than the 8 KiB the decoder holds back, so the bytes after it go through the streaming path. */
const manyLines = (count: number, ending = '\n') =>
  Array.from({ length: count }, (_, i) => `line ${i + 1} 💬 é${ending}`).join('');

describe('decoding a UTF-8 file', () => {
  it('drops a byte-order mark, even when it is split across chunks', () => {
    for (const size of CHUNK_SIZES) {
      expect(decodeInPieces('a.txt', bytes([0xef, 0xbb, 0xbf], utf8('héllo\n')), size)).toBe('héllo\n');
    }
  });

  it('keeps a U+FEFF that is not at the start, as content', () => {
    expect(decodeInPieces('a.txt', utf8('a\uFEFFb'))).toBe('a\uFEFFb');
  });

  it('gives back the same text whatever the chunking, with multi-byte characters cut in two', () => {
    const text = manyLines(2000);
    for (const size of CHUNK_SIZES) expect(decodeInPieces('a.txt', utf8(text), size)).toBe(text);
  });

  it('holds text back until it has seen enough to rule out a binary file', () => {
    const decoder = createTextDecoder('a.txt');
    expect(decoder.decode(utf8('short'))).toBe('');
    expect(decoder.end()).toBe('short');
  });
});

describe('decoding a UTF-16 file with a byte-order mark', () => {
  it.each(['le', 'be'] as const)('reads UTF-16 %s, surrogate pairs and odd bytes split across chunks', (order) => {
    const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
    const text = manyLines(1000);
    for (const size of CHUNK_SIZES) expect(decodeInPieces('a.txt', bytes(mark, utf16(text, order)), size)).toBe(text);
  });

  it('reads the fixtures', () => {
    expect(decodeInPieces('utf16le.txt', fixtureBytes('utf16le.txt'))).toBe('héllo\nwörld 👋\n');
    expect(decodeInPieces('utf16be.txt', fixtureBytes('utf16be.txt'))).toBe('héllo\nwörld 👋\n');
  });

  it.each([
    ['a lone low surrogate', [0x00, 0xdc]],
    ['a high surrogate followed by a line break', [0x3d, 0xd8]],
  ])('names the line of %s, wherever the chunks end', (_, surrogate) => {
    const broken = bytes([0xff, 0xfe], utf16(manyLines(1000), 'le'), surrogate, utf16('\nmore\n', 'le'));
    for (const size of CHUNK_SIZES) {
      expect(formatErrorOf(() => decodeInPieces('big.txt', broken, size))).toBe(
        'big.txt, line 1001: is not valid UTF-16 text (invalid byte sequence); save it as UTF-8 and import again',
      );
    }
  });
});

describe('refusing what is not UTF-8 text', () => {
  const notUtf8 = (line: number) =>
    `big.txt, line ${line}: is not UTF-8 text (invalid byte sequence); save it as UTF-8 and import again`;

  it('names the exact line of an invalid byte far into the file, whatever the chunking', () => {
    const latin1 = bytes(utf8(manyLines(1000)), utf8('caf'), [0xe9], utf8(' au lait\n'));
    for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('big.txt', latin1, size))).toBe(notUtf8(1001));
  });

  it('counts "\\r\\n" and a lone "\\r" as one line break each, as an editor does', () => {
    for (const ending of ['\r\n', '\r']) {
      const latin1 = bytes(utf8(manyLines(700, ending)), [0xe9]);
      for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('big.txt', latin1, size))).toBe(notUtf8(701));
    }
  });

  it('finds a character cut short by the next one, even when the cut falls on a chunk boundary', () => {
    const cut = bytes(utf8(manyLines(1000)), utf8('ok '), [0xe2, 0x82], utf8('\nnext\n'));
    for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('big.txt', cut, size))).toBe(notUtf8(1001));
  });

  it('finds a character cut short by the end of the file', () => {
    const cut = bytes(utf8(manyLines(1000)), utf8('last '), [0xf0, 0x9f, 0x92]);
    for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('big.txt', cut, size))).toBe(notUtf8(1001));
  });

  it('reports the Latin-1 fixture at the line of its "é"', () => {
    expect(formatErrorOf(() => decodeInPieces('latin1.txt', fixtureBytes('latin1.txt')))).toBe(
      'latin1.txt, line 3: is not UTF-8 text (invalid byte sequence); save it as UTF-8 and import again',
    );
  });

  it('calls a file with a NUL byte in its first 8 KiB binary, not badly encoded', () => {
    const binary = 'photo.png: looks like a binary file, not text; import a .txt, .jsonl, .json, .csv or .tsv file saved as UTF-8';
    for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('photo.png', fixtureBytes('photo.png'), size))).toBe(binary);
  });

  it('refuses a NUL character after the first 8 KiB, naming its line, wherever the chunks end', () => {
    const late = bytes(utf8(manyLines(1000)), utf8('ok\r'), utf8('\nbad '), [0x00], utf8(' here\n'));
    for (const size of CHUNK_SIZES) {
      expect(formatErrorOf(() => decodeInPieces('late.txt', late, size))).toBe(
        'late.txt, line 1002: holds a NUL character, which no text file does: the file is damaged or is not text; remove the character or save the file again as UTF-8 text',
      );
    }
  });

  it('refuses a NUL character in UTF-16 text, where NUL bytes are normal but NUL characters are not', () => {
    const withNul = bytes([0xff, 0xfe], utf16('one\ntwo \0\n', 'le'));
    for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('nul.txt', withNul, size))).toMatch(/^nul\.txt, line 2: holds a NUL character/);
  });
});

describe('refusing UTF-32 text', () => {
  const utf32 = (text: string, order: 'le' | 'be') =>
    new Uint8Array(
      [...text].flatMap((char) => {
        const code = char.codePointAt(0)!;
        const le = [code & 0xff, (code >> 8) & 0xff, (code >> 16) & 0xff, 0];
        return order === 'le' ? le : le.reverse();
      }),
    );
  const refusal = 'tasks.txt: is UTF-32 text, which cannot be read here; save it as UTF-8 and import again';

  // FF FE 00 00 also starts a UTF-16 LE file whose first character is U+0000; no text begins with that character.
  it.each([
    ['little-endian (FF FE 00 00)', [0xff, 0xfe, 0x00, 0x00], 'le'],
    ['big-endian (00 00 FE FF)', [0x00, 0x00, 0xfe, 0xff], 'be'],
  ] as const)('by its byte-order mark, %s, whatever the chunking', (_, mark, order) => {
    const file = bytes([...mark], utf32('héllo\nwörld\n', order));
    for (const size of CHUNK_SIZES) expect(formatErrorOf(() => decodeInPieces('tasks.txt', file, size))).toBe(refusal);
  });

  it('even when the file is only the mark', () => {
    expect(formatErrorOf(() => decodeInPieces('tasks.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x00])))).toBe(refusal);
  });

  it('still reads UTF-16 LE whose first character merely has a zero high byte', () => {
    expect(decodeInPieces('a.txt', bytes([0xff, 0xfe], utf16('a\n', 'le')))).toBe('a\n');
  });
});
