// The merge laws for compare judgements, over the random histories of histories.ts with every label value replaced
// by a judgement: merging stays idempotent, commutative and associative, label files carry judgements unchanged,
// and final labels do not depend on the order files arrive in nor on the position each response was shown in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJudgement, encodeJudgement, type Judgement } from '../../../src/lib/domain/compare';
import { finalLabels } from '../../../src/lib/sync/final';
import { mergeAll } from '../../../src/lib/sync/merge';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { better, judgement } from './compare-factories';
import { expectMergeLaws, historyArb, throughLabelFiles, LABELS, reordered, replay, type HistorySpec } from './histories';

/** One judgement per non-empty set of labels, all different, some shown A-first and some B-first. */
const JUDGEMENTS: Judgement[] = [
  judgement(['r1', 'r2'], better('r1')),
  judgement(['r2', 'r1'], better('r1')),
  judgement(['r1', 'r2'], better('r2'), { ratings: { Helpful: 2 } }),
  judgement(['r2', 'r1'], { kind: 'tie' }),
  judgement(['r1', 'r2'], { kind: 'both-bad' }, { rationale: 'wrong, both' }),
  judgement(['r2', 'r1'], better('r2'), { correction: { id: 'r2', text: 'Paris, "of course".' } }),
  judgement(['r1', 'r2'], null, { ratings: { Helpful: 5 } }),
];

function asJudgement(value: readonly string[]): string[] {
  if (value.length === 0) return [];
  const index = LABELS.reduce((bits, label, i) => bits | (value.includes(label) ? 1 << i : 0), 0) - 1;
  return [encodeJudgement(JUDGEMENTS[index] as Judgement)];
}

/** The history's files with judgements for values. */
function compareFiles(h: HistorySpec): SyncAnnotation[][] {
  return replay(h).files.map((file) => file.map((a) => ({ ...a, value: asJudgement(a.value) })));
}

/** Every judgement shown in the other order: what another annotator, who saw B as A, would have stored. */
function swapPositions(a: SyncAnnotation): SyncAnnotation {
  if (a.value.length === 0) return a;
  const j = decodeJudgement(a.value[0] as string) as Judgement;
  return { ...a, value: [encodeJudgement({ ...j, shown: [...j.shown].reverse() })] };
}

describe('merging compare judgements', () => {
  it('is idempotent, commutative and associative', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const [a = [], b = [], c = []] = compareFiles(h);
        expectMergeLaws(a, b, c);
      }),
    );
  });

  it('gives the same result and the same final labels in every order, with files applied twice', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const files = compareFiles(h);
        const again = reordered(files, h.seed);
        expect(mergeAll(again)).toEqual(mergeAll(files));
        for (const project of ['p0', 'p1']) {
          const of = (list: SyncAnnotation[][]) => finalLabels(list.flat().filter((a) => a.projectId === project), 'compare');
          expect(of(again)).toEqual(of(files));
        }
      }),
    );
  });

  it('decides final preferences by response id: showing every response in the other order changes no vote or decision', () => {
    // Every version the devices made; hand-edited twins are left out, as their order is decided by their bytes.
    fc.assert(
      fc.property(historyArb, (h) => {
        const all = replay(h).versions.map((a) => ({ ...a, value: asJudgement(a.value) })).filter((a) => a.projectId === 'p0');
        const decided = (list: SyncAnnotation[]) =>
          finalLabels(list, 'compare').map((f) => ({ ...f, value: f.value.map((v) => JSON.stringify((decodeJudgement(v) as Judgement).preference)) }));
        expect(decided(all.map(swapPositions))).toEqual(decided(all));
      }),
    );
  });

  it('carries judgements through label files byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        const files = compareFiles(h);
        expect(mergeAll(await throughLabelFiles(files))).toEqual(mergeAll(files));
      }),
      { numRuns: 40 },
    );
  });
});
