import { describe, expect, it } from 'vitest';
import { decodeJudgement, encodeJudgement, judgementValueProblem, preferredId, type Judgement, type Rubric } from '../../../src/lib/domain/compare';

const rubric: Rubric = {
  preference: true,
  ratings: [{ name: 'Helpful', scale: 5, descriptions: ['1', '2', '3', '4', '5'], required: false }],
  correction: true,
  rationale: true,
  hiddenSuggestionShare: 0.1,
};

const judgement: Judgement = {
  shown: ['r2', 'r1'],
  preference: { kind: 'better', id: 'r1' },
  ratings: { Helpful: 4 },
  correction: { id: 'r1', text: 'Paris.' },
  rationale: 'shorter',
};

describe('a compare judgement as a stored value', () => {
  it('is one canonical string whatever order its keys came in, and reads back the same', () => {
    const shuffled = { rationale: 'shorter', correction: { text: 'Paris.', id: 'r1' }, ratings: { Helpful: 4 }, preference: { id: 'r1', kind: 'better' as const }, shown: ['r2', 'r1'] };
    expect(encodeJudgement(shuffled)).toBe(encodeJudgement(judgement));
    expect(encodeJudgement(judgement)).toBe('{"shown":["r2","r1"],"preference":{"kind":"better","id":"r1"},"ratings":{"Helpful":4},"correction":{"id":"r1","text":"Paris."},"rationale":"shorter"}');
    expect(decodeJudgement(encodeJudgement(judgement))).toEqual(judgement);
    expect(preferredId(judgement)).toBe('r1');
  });

  it('says what is wrong with a value that is not a judgement of this task and rubric', () => {
    expect(judgementValueProblem(['x'], rubric, undefined)).toMatch(/is not a judgement/);
    expect(judgementValueProblem([encodeJudgement(judgement), 'y'], rubric, undefined)).toBe('holds 2 values, but a compare judgement is one');
    expect(judgementValueProblem([encodeJudgement({ ...judgement, preference: { kind: 'better', id: 'r9' } })], rubric, undefined)).toBe('"preference.id" must be one of the shown responses');
    expect(judgementValueProblem([encodeJudgement(judgement)], rubric, ['r1', 'r3'])).toBe('shows responses ["r2","r1"], but its task has ["r1","r3"]');
    expect(judgementValueProblem([encodeJudgement({ ...judgement, ratings: { Helpful: 6 } })], rubric, undefined)).toBe('rates "Helpful" 6, above its scale of 5');
    expect(judgementValueProblem([encodeJudgement({ ...judgement, ratings: { Harmless: 1 } })], rubric, undefined)).toMatch(/not an item of this project's rubric/);
    expect(judgementValueProblem([encodeJudgement({ ...judgement, preference: { kind: 'ranking', ids: ['r1'] } })], rubric, undefined)).toBe('"preference.ids" must rank every shown response once');
    expect(judgementValueProblem([encodeJudgement(judgement)], rubric, ['r1', 'r2'])).toBeNull();
  });
});
