import { describe, expect, it } from 'vitest';
import { matchDictionary, type DictionaryEntry } from '../../../src/lib/spans/dictionary';
import { buildDictionary } from '../../../src/lib/spans/dictionary-index';
import type { Span } from '../../../src/lib/spans/span-value';
import { tokenize } from '../../../src/lib/spans/tokens';

/** An earlier task: `[phrase](LABEL)` marks a span. */
function entry(marked: string): DictionaryEntry {
  const spans: Span[] = [];
  let text = '';
  let rest = marked;
  for (let m = /\[([^\]]+)\]\(([^)]+)\)/.exec(rest); m !== null; m = /\[([^\]]+)\]\(([^)]+)\)/.exec(rest)) {
    text += rest.slice(0, m.index);
    spans.push({ start: text.length, end: text.length + (m[1] as string).length, label: m[2] as string });
    text += m[1];
    rest = rest.slice(m.index + m[0].length);
  }
  return { text: text + rest, spans };
}

function suggest(entries: DictionaryEntry[], text: string, existing: Span[] = [], allowOverlap = false): string[] {
  const found = matchDictionary(buildDictionary(entries), text, tokenize(text), existing, allowOverlap);
  return found.map((s) => `${text.slice(s.start, s.end)}/${s.label}`);
}

describe('dictionary suggestions', () => {
  it('suggests earlier phrases wherever they occur again, only on whole tokens', () => {
    const earlier = [entry('[Paris](LOC) is nice.'), entry('I met [Ada Lovelace](PER).')];
    expect(suggest(earlier, 'Ada Lovelace left Paris for Parisian food, not Ada.')).toEqual(['Ada Lovelace/PER', 'Paris/LOC']);
  });

  it('matches case-insensitively when no exact spelling was labelled, and prefers the exact spelling', () => {
    const earlier = [entry('[apple](FRUIT) pie'), entry('[Apple](ORG) shares'), entry('[apple](FRUIT) jam')];
    expect(suggest(earlier, 'Apple and apple and APPLE')).toEqual(['Apple/ORG', 'apple/FRUIT', 'APPLE/FRUIT']);
  });

  it('gives the most frequent label, and on a tie the most recent one', () => {
    const counts = [entry('[Jordan](PER)'), entry('[Jordan](LOC)'), entry('[Jordan](PER)')];
    expect(suggest(counts, 'Jordan')).toEqual(['Jordan/PER']);
    expect(suggest([entry('[Jordan](PER)'), entry('[Jordan](LOC)')], 'Jordan')).toEqual(['Jordan/LOC']);
    expect(suggest([entry('[Jordan](LOC)'), entry('[Jordan](PER)')], 'Jordan')).toEqual(['Jordan/PER']);
    // A tie between labels each used in several tasks: the label of the latest use wins, not of the earliest.
    const spread = [entry('[Jordan](PER)'), entry('[Jordan](LOC)'), entry('[Jordan](LOC)'), entry('[Jordan](PER)')];
    expect(suggest(spread, 'Jordan')).toEqual(['Jordan/PER']);
  });

  it('prefers the longer phrase and never suggests overlapping spans', () => {
    const earlier = [entry('[New York](LOC)'), entry('[New York Times](ORG)'), entry('[Times](X)')];
    expect(suggest(earlier, 'The New York Times and New York, at times.')).toEqual(['New York Times/ORG', 'New York/LOC', 'times/X']);
  });

  it('treats any whitespace between tokens alike, but not a missing space', () => {
    const earlier = [entry('[New York](LOC)'), entry('[U.S.](LOC)')];
    expect(suggest(earlier, 'New\n  York and U. S. and U.S.')).toEqual(['New\n  York/LOC', 'U.S./LOC']);
  });

  it('keeps clear of existing spans; with overlaps allowed it may nest but not repeat a labelled range', () => {
    const earlier = [entry('[New York](LOC)'), entry('[York](LOC)')];
    const text = 'New York and York';
    const labelled: Span = { start: 0, end: 8, label: 'CITY' };
    expect(suggest(earlier, text, [labelled])).toEqual(['York/LOC']);
    expect(suggest(earlier, text, [labelled], true)).toEqual(['York/LOC', 'York/LOC']);
    expect(suggest(earlier, text, [{ start: 4, end: 8, label: 'X' }], false)).toEqual(['York/LOC']);
  });

  it('handles emoji, combining marks and CJK phrases in UTF-16 offsets', () => {
    const earlier = [entry('[Cafe\u0301 👩🏽‍💻](PLACE)'), entry('[北京](LOC)')];
    const text = 'we met at cafe\u0301 👩🏽‍💻 in 北京大学';
    const found = matchDictionary(buildDictionary(earlier), text, tokenize(text), [], false);
    expect(found).toEqual([
      { start: 10, end: 23, label: 'PLACE' },
      { start: 27, end: 29, label: 'LOC' },
    ]);
  });

  it('ignores spans over nothing but spaces and an empty dictionary', () => {
    expect(suggest([{ text: 'a   b', spans: [{ start: 1, end: 3, label: 'X' }] }], 'a   b')).toEqual([]);
    expect(suggest([], 'anything')).toEqual([]);
  });

  it('matches thousands of phrases in a 5,000-word text quickly', () => {
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const earlier = Array.from({ length: 3000 }, (_, i) => ({
      text: `${vocabulary[i]} ${vocabulary[(i * 7) % 3000]} x`,
      spans: [{ start: 0, end: `${vocabulary[i]} ${vocabulary[(i * 7) % 3000]}`.length, label: `L${i % 5}` }],
    }));
    const phrase = (i: number) => `${vocabulary[i]} ${vocabulary[(i * 7) % 3000]}`;
    const text = Array.from({ length: 1700 }, (_, j) => `the ${phrase((j * 13) % 3000)}`).join(' ');
    const t0 = performance.now();
    const dict = buildDictionary(earlier);
    const t1 = performance.now();
    const found = matchDictionary(dict, text, tokenize(text), [], false);
    const t2 = performance.now();
    expect(found.length).toBeGreaterThan(1000);
    // Bounds that only a quadratic slip would break: warm runs take a few ms here, a cold run on a busy 2-core
    // machine up to ~200 ms.
    expect(t1 - t0).toBeLessThan(1000);
    expect(t2 - t1).toBeLessThan(1000);
  });
});
