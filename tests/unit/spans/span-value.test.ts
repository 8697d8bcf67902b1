import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans, decodeSpan, decodeSpans, encodeSpans, isCanonical, sameSpans } from '../../../src/lib/spans/span-value';

describe('span values', () => {
  it('writes spans sorted and without duplicates, and reads them back', () => {
    const spans = [
      { start: 10, end: 15, label: 'LOC' },
      { start: 0, end: 4, label: 'PER' },
      { start: 0, end: 4, label: 'PER' },
    ];
    expect(encodeSpans(spans)).toEqual(['0:4:PER', '10:15:LOC']);
    expect(decodeSpans(encodeSpans(spans))).toEqual([spans[1], spans[0]]);
  });

  it('writes the same values whatever order the spans come in', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ start: fc.nat(20), length: fc.integer({ min: 1, max: 4 }), label: fc.constantFrom('A', 'B', 'a:b') }), { maxLength: 30 }), (raw) => {
        const spans = raw.map(({ start, length, label }) => ({ start, end: start + length, label }));
        const expected = [...new Set([...spans].sort(compareSpans).map((s) => `${s.start}:${s.end}:${s.label}`))];
        expect(encodeSpans(spans)).toEqual(expected);
        expect(encodeSpans([...spans].sort(compareSpans))).toEqual(expected);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('tells lists of the same spans in the same order from any other list', () => {
    const a = { start: 0, end: 4, label: 'PER' };
    const b = { start: 5, end: 9, label: 'LOC' };
    expect(sameSpans([a, b], [{ ...a }, { ...b }])).toBe(true);
    expect(sameSpans([a, b], [b, a])).toBe(false);
    expect(sameSpans([a, b], [a])).toBe(false);
    expect(sameSpans([a], [{ ...a, label: 'ORG' }])).toBe(false);
    expect(sameSpans([], [])).toBe(true);
  });

  it('knows spans that are already sorted and without duplicates', () => {
    const a = { start: 0, end: 4, label: 'PER' };
    const b = { start: 0, end: 4, label: 'ORG' };
    const c = { start: 5, end: 9, label: 'LOC' };
    expect(isCanonical([])).toBe(true);
    expect(isCanonical([b, a, c])).toBe(true);
    expect(isCanonical([a, b, c])).toBe(false);
    expect(isCanonical([b, a, a, c])).toBe(false);
    expect(isCanonical([b, a, c]) && decodeSpans(encodeSpans([b, a, c]))).toEqual([b, a, c]);
  });

  it('keeps colons in labels and refuses what is not a span', () => {
    expect(decodeSpan('3:7:ns:PER')).toEqual({ start: 3, end: 7, label: 'ns:PER' });
    expect(decodeSpan('positive')).toBeNull();
    expect(decodeSpan('5:5:EMPTY')).toBeNull();
    expect(decodeSpans(['positive', '1:2:X'])).toEqual([{ start: 1, end: 2, label: 'X' }]);
  });
});
