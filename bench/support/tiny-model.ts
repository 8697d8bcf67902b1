// The tiny generated encoder as a .zip, the way a coordinator hands a model out: a measurement imports it through
// the Model tab into the bench's main build, which bundles no test model (see embed-setup.ts for why).
import { zipSync } from 'fflate';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTestModel } from '../../scripts/generate-test-model';
import type { Bench } from './types';

export const TINY_MODEL_NAME = 'fieldlabel/test-tiny';

export function tinyModelZip(bench: Bench): Promise<string> {
  return bench.shared('tiny-model-zip', async () => {
    const { dir, files } = await generateTestModel({ preset: 'tiny', outDir: join(bench.workDir, 'test-tiny'), seed: 42 });
    const zipped: Record<string, Uint8Array> = {};
    // Only the int8 file is read (quantized by default); the fp32 one would only be stored.
    for (const file of files.filter((f) => f !== 'onnx/model.onnx')) zipped[`test-tiny/${file}`] = new Uint8Array(await readFile(join(dir, file)));
    const path = join(bench.workDir, 'test-tiny.zip');
    await writeFile(path, zipSync(zipped));
    return path;
  });
}
