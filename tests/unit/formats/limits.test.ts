import { describe, expect, it } from 'vitest';
import { describeDeepNesting, nestsDeeperThan } from '../../../src/lib/formats/limits';

const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { child: nested(levels - 1) });

describe('how deep a record nests', () => {
  it('counts the record itself as level 1, and arrays like objects', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan([[1], { a: [] }], 2)).toBe(true);
    expect(nestsDeeperThan([[1], { a: [] }], 3)).toBe(false);
    expect(nestsDeeperThan([[1], { a: [[]] }], 3)).toBe(true);
  });

  it('takes 64 levels and refuses 65, naming the field that goes too deep', () => {
    expect(describeDeepNesting(nested(64))).toBeNull();
    expect(describeDeepNesting({ text: 'ok', tags: ['a'], meta: nested(64) })).toBe(
      'field "meta" is nested deeper than 64 levels; flatten it or leave it out',
    );
    expect(describeDeepNesting([nested(64)])).toBe('is nested deeper than 64 levels; flatten it or leave it out');
  });
});
