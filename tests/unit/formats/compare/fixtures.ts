import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/compare/', import.meta.url));

export function compareFixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}
