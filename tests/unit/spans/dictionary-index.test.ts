import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDictionary, DictionaryIndex } from '../../../src/lib/spans/dictionary-index';
import { matchDictionary, type DictionaryEntry } from '../../../src/lib/spans/dictionary';
import type { Span } from '../../../src/lib/spans/span-value';
import { tokenize } from '../../../src/lib/spans/tokens';

const WORDS = ['Ada', 'ada', 'Bo', 'New', 'new', 'York', 'york', 'met', 'in', 'U.S.'];

/** A text of a few words and spans over whole words of it (some labelled twice, some over the same phrase). */
const task = fc
  .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 8 })
  .chain((words) => {
    const text = words.join(' ');
    const starts: number[] = [];
    words.reduce((at, word) => (starts.push(at), at + word.length + 1), 0);
    const span = fc
      .tuple(fc.nat(words.length - 1), fc.integer({ min: 1, max: 2 }), fc.constantFrom('PER', 'LOC'))
      .map(([first, count, label]): Span => {
        const last = Math.min(words.length - 1, first + count - 1);
        return { start: starts[first] as number, end: (starts[last] as number) + (words[last] as string).length, label };
      });
    return fc.record({ text: fc.constant(text), spans: fc.array(span, { maxLength: 4 }) });
  });

const sorted = (map: ReadonlyMap<string, string>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('DictionaryIndex', () => {
  it('is, after any run of edits, the dictionary buildDictionary makes of every task oldest first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('t1', 't2', 't3', 't4'), task), { minLength: 1, maxLength: 12 }), (edits) => {
        const index = new DictionaryIndex();
        const entries = new Map<string, DictionaryEntry>();
        for (const [taskId, { text, spans }] of edits) {
          index.set(taskId, text, spans);
          entries.set(taskId, { text, spans });
          const built = buildDictionary([...entries.values()]);
          expect(sorted(index.exact)).toEqual(sorted(built.exact));
          expect(sorted(index.folded)).toEqual(sorted(built.folded));
          for (const { text: other } of entries.values()) {
            const tokens = tokenize(other);
            expect(matchDictionary(index, other, tokens, [], false)).toEqual(matchDictionary(built, other, tokens, [], false));
          }
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('sets many tasks at once as it sets them one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('t1', 't2', 't3'), task), { minLength: 1, maxLength: 8 }), (edits) => {
        const oneByOne = new DictionaryIndex();
        for (const [taskId, { text, spans }] of edits) oneByOne.set(taskId, text, spans);
        const atOnce = new DictionaryIndex();
        atOnce.setAll(edits.map(([taskId, { text, spans }]) => ({ taskId, text, spans })));
        expect(sorted(atOnce.exact)).toEqual(sorted(oneByOne.exact));
        expect(sorted(atOnce.folded)).toEqual(sorted(oneByOne.folded));
      }),
      { seed: 23, numRuns: 200 },
    );
  });

  it('added a few tasks at a time and settled a few phrases at a time, is the dictionary setAll makes', () => {
    const edits = fc.array(fc.tuple(fc.constantFrom('t1', 't2', 't3'), task), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(edits, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), (list, tasksPerStep, phrasesPerStep) => {
        const tasks = list.map(([taskId, { text, spans }]) => ({ taskId, text, spans }));
        const atOnce = new DictionaryIndex();
        atOnce.setAll(tasks);
        const stepped = new DictionaryIndex();
        for (let at = 0; at < tasks.length; at += tasksPerStep) stepped.add(tasks.slice(at, at + tasksPerStep));
        let steps = 1;
        while (!stepped.settle(phrasesPerStep)) steps++;
        expect(sorted(stepped.exact)).toEqual(sorted(atOnce.exact));
        expect(sorted(stepped.folded)).toEqual(sorted(atOnce.folded));
        // Each settle did at most its share: the phrases took as many steps as their count asks for.
        expect(steps).toBeGreaterThanOrEqual(Math.ceil(atOnce.exact.size / phrasesPerStep));
      }),
      { seed: 29, numRuns: 200 },
    );
  });

  it('forgets a phrase once no task gives it a label', () => {
    const index = new DictionaryIndex();
    index.set('t1', 'Ada met Bo', [{ start: 0, end: 3, label: 'PER' }]);
    expect(matchDictionary(index, 'Bo met Ada', tokenize('Bo met Ada'), [], false)).toEqual([{ start: 7, end: 10, label: 'PER' }]);
    index.set('t1', 'Ada met Bo', []);
    expect(index.exact.size).toBe(0);
    expect(matchDictionary(index, 'Bo met Ada', tokenize('Bo met Ada'), [], false)).toEqual([]);
  });
});
