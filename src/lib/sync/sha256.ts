import { Sha256Stream } from './sha256-stream';

// SHA-256 for file checksums. Web Crypto has no incremental digest, so readers hash through this small interface:
// the page feeds it text it already holds, while the CLI passes a streaming hash and never holds a whole file.

export interface Sha256 {
  update(text: string): void;
  /** Lower-case hex. */
  digest(): Promise<string>;
}

export function webCryptoSha256(): Sha256 {
  const parts: string[] = [];
  return {
    update: (text) => void parts.push(text),
    digest: () => sha256Hex(new TextEncoder().encode(parts.join(''))),
  };
}

/** The same over text that is never kept: for a label file read out of a bundle, which may be large. */
export function streamingSha256(): Sha256 {
  const stream = new Sha256Stream();
  const encoder = new TextEncoder();
  return {
    update: (text) => stream.update(encoder.encode(text)),
    digest: async () => stream.digestHex(),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Our bytes come from TextEncoder, fflate or files, never from a SharedArrayBuffer, which digest() refuses.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
