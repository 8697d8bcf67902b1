import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/lib/sync/sha256';
import { Sha256Stream } from '../../../src/lib/sync/sha256-stream';

function streamed(chunks: Uint8Array[]): string {
  const sha = new Sha256Stream();
  for (const chunk of chunks) sha.update(chunk);
  return sha.digestHex();
}

describe('Sha256Stream', () => {
  it('gives the published digests', () => {
    expect(streamed([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(streamed([new TextEncoder().encode('abc')])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const twoBlocks = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    expect(streamed([twoBlocks])).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('gives Web Crypto\'s digest however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 8 }), async (chunks) => {
        const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        chunks.reduce((at, c) => (whole.set(c, at), at + c.length), 0);
        expect(streamed(chunks)).toBe(await sha256Hex(whole));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
