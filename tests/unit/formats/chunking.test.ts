import { describe, expect, it } from 'vitest';
import { fixtureNames, readFixture } from './read-file';

// Files arrive in chunks of whatever size the browser picks; where a chunk ends must never change what is read.
describe('every import fixture reads the same whatever the chunk size', () => {
  it.each(fixtureNames())('%s', (name) => {
    const whole = readFixture(name);
    expect('error' in whole ? whole.error : whole.items.length).toBeTruthy();
    for (const chunkSize of [1, 3, 7]) {
      expect(readFixture(name, chunkSize), `chunks of ${chunkSize}`).toEqual(whole);
    }
  });
});
