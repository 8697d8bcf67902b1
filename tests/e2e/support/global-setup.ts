import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateTestModel } from '../../../scripts/generate-test-model';

export const E2E_MODELS = fileURLToPath(new URL('../../.generated/bundled', import.meta.url));

/**
 * The end-to-end tests run against a production build, service worker included, with one addition: the tiny
 * generated test model is bundled the way a real model folder would be (public/models/<id>/). It goes to its own
 * output folder, so `npm start`'s build never offers a random-weight model.
 */
export default async function globalSetup(): Promise<void> {
  await generateTestModel({ preset: 'tiny', outDir: `${E2E_MODELS}/test-tiny`, seed: 42 });
  execSync('npx vite build --logLevel warn --outDir dist-e2e --emptyOutDir', {
    stdio: 'inherit',
    env: { ...process.env, FIELDLABEL_EXTRA_MODELS: E2E_MODELS },
  });
}
