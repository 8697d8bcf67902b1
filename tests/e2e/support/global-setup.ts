import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateTestModel } from '../../../scripts/generate-test-model';

export const E2E_MODELS = fileURLToPath(new URL('../../.generated/bundled', import.meta.url));

/**
 * The end-to-end tests run against a production build, service worker included, with one addition: two tiny
 * generated test models are bundled the way real model folders would be (public/models/<id>/): an encoder
 * (test-tiny) and a token classifier that tags a fixed word list (test-tiny-ner, labels O, B-PER, I-PER, B-ORG,
 * I-ORG, B-LOC, I-LOC). They go to their own output folder, so `npm start`'s build never offers a test model.
 */
export default async function globalSetup(): Promise<void> {
  await generateTestModel({ preset: 'tiny', outDir: `${E2E_MODELS}/test-tiny`, seed: 42 });
  await generateTestModel({ preset: 'tiny', outDir: `${E2E_MODELS}/test-tiny-ner`, seed: 42, head: 'token-classification' });
  execSync('npx vite build --logLevel warn --outDir dist-e2e --emptyOutDir', {
    stdio: 'inherit',
    env: { ...process.env, FIELDLABEL_EXTRA_MODELS: E2E_MODELS },
  });
}
