// Storing an imported model's files and the room left on the device: refused before a file is written when they
// would eat into the headroom; a write the browser refuses midway takes back what was stored and says why.
import { describe, expect, it } from 'vitest';
import { storeModelFiles, STORED_BYTES_PER_MODEL_BYTE, type ModelFileCache } from '../../../src/lib/model/model-store';
import { GIB, MB, NotEnoughRoomError } from '../../../src/lib/storage/room';
import { FakeDisk } from '../storage/fake-disk';

const BASE = 'http://127.0.0.1/models/';
const FILES = new Map([
  ['config.json', new Uint8Array(1_000)],
  ['tokenizer.json', new Uint8Array(9_000)],
  ['onnx/model_quantized.onnx', new Uint8Array(2 * MB)],
]);
const SIZE = 2 * MB + 10_000;

/** Cache Storage as a map; `refuseAfter` puts succeed, then the browser refuses for want of room. */
function fakeCache(refuseAfter = Infinity): ModelFileCache & { urls(): string[] } {
  const entries = new Map<string, Response>();
  let puts = 0;
  return {
    urls: () => [...entries.keys()],
    async match(request) {
      return entries.get(String(request));
    },
    async put(request, response) {
      if (puts++ >= refuseAfter) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      entries.set(String(request), response);
    },
    async delete(request) {
      return entries.delete(request);
    },
  };
}

describe('storing a model\'s files and the room left on the device', () => {
  it('is refused before a file is written when they would eat into the headroom', async () => {
    const cache = fakeCache();
    const disk = new FakeDisk(150 * MB);
    await expect(storeModelFiles(cache, BASE, 'imported-1', FILES, { deps: disk, what: 'importing the model tiny.zip' })).rejects.toThrow(
      `Not enough free storage on this device: importing the model tiny.zip needs about ${(Math.ceil(SIZE * STORED_BYTES_PER_MODEL_BYTE) / MB).toFixed(1)} MB, and fieldlabel keeps 200 MB free so that labels can always be saved; this device has at most 1.1 GB left for it`,
    );
    expect(cache.urls()).toEqual([]);
  });

  it('takes back the files stored when the browser refuses one for want of room, and says so in the same words', async () => {
    const cache = fakeCache(2);
    const disk = new FakeDisk(3 * GIB);
    const stored = storeModelFiles(cache, BASE, 'imported-1', FILES, { deps: disk, what: 'importing the model tiny.zip' });
    await expect(stored).rejects.toBeInstanceOf(NotEnoughRoomError);
    await expect(stored).rejects.toThrow('importing the model tiny.zip needs about 2.2 MB');
    await expect(stored).rejects.toThrow('the browser refused to store more');
    expect(cache.urls()).toEqual([]);
  });

  it('stores every file under its URL where they surely fit', async () => {
    const cache = fakeCache();
    const disk = new FakeDisk(3 * GIB);
    expect(await storeModelFiles(cache, BASE, 'imported-1', FILES, { deps: disk, what: 'importing the model tiny.zip' })).toBe(SIZE);
    expect(cache.urls()).toEqual([`${BASE}imported-1/config.json`, `${BASE}imported-1/tokenizer.json`, `${BASE}imported-1/onnx/model_quantized.onnx`]);
  });
});
