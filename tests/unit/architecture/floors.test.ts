// The dependency rule `npm run check` runs: it must catch an import up a floor, a cycle and an import between peers.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../../.dependency-cruiser.cjs') as IConfiguration;
const FIXTURE = fileURLToPath(new URL('../../fixtures/floors', import.meta.url));

describe('the floors of src/lib', () => {
  it('refuses an import up a floor, an import cycle between folders and an import between peers', async () => {
    const result = await cruise(['src'], { validate: true, ruleSet: config, baseDir: FIXTURE, doNotFollow: { path: 'node_modules' } });
    const { summary } = result.output as ICruiseResult;
    expect(summary.violations.map((violation) => [violation.rule.name, violation.from, violation.to])).toEqual([
      ['floor-db', 'src/lib/db/up.ts', 'src/lib/state/session.ts'],
      ['floor-formats', 'src/lib/formats/b.ts', 'src/lib/sync/a.ts'],
      ['no-circular', 'src/lib/formats/b.ts', 'src/lib/sync/a.ts'],
      ['peer-model', 'src/lib/model/peer.ts', 'src/lib/import/run.ts'],
    ]);
  });
});
