// Generated test models for unit tests, written once per test run under tests/.generated/models/ (gitignored).
// Vitest runs test files in parallel processes, so each file is replaced atomically and only when its bytes
// changed: a reader never sees half a file, and a stale model from an older generator is always replaced.
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOKEN_LABELS, generateTestModel, type GenerateTestModelOptions } from '../../../scripts/generate-test-model';

/** Transformers.js' `env.localModelPath` for these models; a model's id is its folder name. */
export const TEST_MODELS_ROOT = fileURLToPath(new URL('../../.generated/models/', import.meta.url));

/** The same labels as the token classifier bundled for the end-to-end tests. */
export const TEST_NER_LABELS = DEFAULT_TOKEN_LABELS;

const VARIANTS = {
  'test-tiny': { preset: 'tiny' },
  'test-tiny-ner': { preset: 'tiny', head: 'token-classification', labels: TEST_NER_LABELS },
} satisfies Record<string, Omit<GenerateTestModelOptions, 'outDir'>>;

export type TestModelId = keyof typeof VARIANTS;

const generated = new Map<TestModelId, Promise<string>>();

async function sameBytes(path: string, bytes: Buffer): Promise<boolean> {
  try {
    return (await readFile(path)).equals(bytes);
  } catch {
    return false;
  }
}

async function generateInto(modelId: TestModelId): Promise<string> {
  const dir = join(TEST_MODELS_ROOT, modelId);
  const scratch = await mkdtemp(join(tmpdir(), 'fieldlabel-test-model-'));
  try {
    const { files } = await generateTestModel({ ...VARIANTS[modelId], outDir: scratch });
    for (const file of files) {
      const bytes = await readFile(join(scratch, file));
      const target = join(dir, file);
      if (await sameBytes(target, bytes)) continue;
      const temporary = `${target}.${process.pid}.tmp`;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return dir;
}

/** The folder of a tiny generated model (default: plain encoder), generated on first use in this process. */
export function testModelDir(modelId: TestModelId = 'test-tiny'): Promise<string> {
  let dir = generated.get(modelId);
  if (!dir) {
    dir = generateInto(modelId);
    generated.set(modelId, dir);
  }
  return dir;
}
