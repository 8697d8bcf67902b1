import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchDictionary, spanPhrase, type DictionaryEntry } from '../../../src/lib/spans/dictionary';
import { buildDictionary } from '../../../src/lib/spans/dictionary-index';
import { compareSpans, type Span } from '../../../src/lib/spans/span-value';
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

  it('suggests what comparing every earlier phrase at every token suggests', () => {
    // The plain definition, against which the phrase tree's walk is checked: every phrase tried at every token.
    const reference = (entries: DictionaryEntry[], text: string, existing: Span[], allowOverlap: boolean): Span[] => {
      const dict = buildDictionary(entries);
      const tokens = tokenize(text);
      const words = tokens.map((t) => text.slice(t.start, t.end));
      const key = (parts: string[], touching: boolean[]) => parts.map((w, k) => (k === 0 || touching[k - 1] ? '' : ' ') + w).join('');
      const phrases = entries.flatMap((e) =>
        e.spans.flatMap((s) => {
          const found = spanPhrase(e.text, s);
          return found ? [found.phrase] : [];
        }),
      );
      const found: (Span & { exact: boolean })[] = [];
      tokens.forEach((token, i) => {
        for (const phrase of new Map(phrases.map((p) => [key(p.folded, p.touching), p])).values()) {
          const n = phrase.folded.length;
          const at = tokens.slice(i, i + n);
          if (at.length < n || at.some((_, k) => words[i + k]?.toLowerCase() !== phrase.folded[k])) continue;
          if (at.slice(1).some((t, k) => (at[k]!.end === t.start) !== phrase.touching[k])) continue;
          const exact = dict.exact.get(key(words.slice(i, i + n), phrase.touching));
          const label = exact ?? dict.folded.get(key(phrase.folded, phrase.touching));
          if (label !== undefined) found.push({ start: token.start, end: at[n - 1]!.end, label, exact: exact !== undefined });
        }
      });
      found.sort((a, b) => Number(b.exact) - Number(a.exact) || b.end - b.start - (a.end - a.start) || a.start - b.start);
      const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
      const kept: Span[] = [];
      for (const m of found) {
        if (existing.some((s) => s.start === m.start && s.end === m.end)) continue;
        if (!allowOverlap && existing.some((s) => overlaps(s, m))) continue;
        if (kept.some((k) => overlaps(k, m))) continue;
        kept.push({ start: m.start, end: m.end, label: m.label });
      }
      return kept.sort(compareSpans);
    };
    const word = fc.constantFrom('Ada', 'ada', 'Paris', 'U.S.', 'new', 'New', 'York', ',', 'de');
    const gap = fc.constantFrom('', ' ', '  ', '\n');
    const textOf = fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 14 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    // Spans on token boundaries of their text.
    const entryOf = fc.tuple(textOf, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('PER', 'LOC')), { maxLength: 4 })).map(([text, picks]) => {
      const tokens = tokenize(text);
      const spans = picks
        .map(([at, more, label]) => {
          const first = tokens[at % tokens.length]!;
          const last = tokens[Math.min(tokens.length - 1, (at % tokens.length) + more)]!;
          return { start: first.start, end: last.end, label };
        })
        .filter((s, i, all) => all.findIndex((o) => o.start === s.start && o.end === s.end && o.label === s.label) === i);
      return { text, spans };
    });
    fc.assert(
      fc.property(fc.array(entryOf, { maxLength: 6 }), textOf, fc.boolean(), (entries, text, allowOverlap) => {
        const tokens = tokenize(text);
        const existing = tokens.length > 2 ? [{ start: tokens[1]!.start, end: tokens[2]!.end, label: 'PER' }] : [];
        expect(matchDictionary(buildDictionary(entries), text, tokens, existing, allowOverlap)).toEqual(reference(entries, text, existing, allowOverlap));
      }),
      { seed: 31, numRuns: 400 },
    );
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
