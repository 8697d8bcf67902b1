import { describe, expect, it } from 'vitest';
import { encodeJudgement, type Judgement, type Rubric } from '../../../src/lib/domain/compare';
import { withTemperature } from '../../../src/lib/learn/calibration';
import { hashedFeatures } from '../../../src/lib/learn/features';
import { createRng } from '../../../src/lib/learn/random';
import { choiceProbabilities, rewardScore, trainReward } from '../../../src/lib/learn/reward/bradley-terry';
import { responseRow } from '../../../src/lib/learn/reward/pair-rows';
import { CompareLearner, compareEmbeddingTexts, type CompareLearnerTask } from '../../../src/lib/model/compare-learner';

const rubric: Rubric = {
  preference: true,
  ratings: [{ name: 'Helpfulness', scale: 3, descriptions: ['poor', 'fair', 'good'], required: false }],
  correction: false,
  rationale: false,
  hiddenSuggestionShare: 0,
};
const GOOD = ['clear', 'correct', 'helpful'];
const BAD = ['rude', 'wrong', 'vague'];

/** Task i: one good and one bad reply; which of ids "a"/"b" is the good one alternates with i, as does its topic. */
function makeTasks(n: number): CompareLearnerTask[] {
  return Array.from({ length: n }, (_, i) => {
    const good = `reply ${i} is ${GOOD[i % 3]} and ${GOOD[(i + 1) % 3]}`;
    const bad = `reply ${i} is ${BAD[i % 3]} and ${BAD[(i + 1) % 3]}`;
    const [a, b] = i % 2 === 0 ? [good, bad] : [bad, good];
    const prompt = `question ${i} about ${i % 2 === 0 ? 'billing' : 'shipping'}`;
    return {
      id: `t${i}`,
      seq: i,
      text: prompt,
      compare: { messages: [{ role: 'user', content: prompt }], responses: [{ id: 'a', text: a }, { id: 'b', text: b }] },
    };
  });
}
const betterOf = (i: number): string => (i % 2 === 0 ? 'a' : 'b');

function judged(i: number, extra: Partial<Judgement> = {}): string[] {
  return [encodeJudgement({ shown: i % 3 === 0 ? ['b', 'a'] : ['a', 'b'], preference: { kind: 'better', id: betterOf(i) }, ratings: {}, correction: null, rationale: '', ...extra })];
}

describe('CompareLearner', () => {
  it('suggests nothing before a judgement, then the preferred response with its confidence after a few', () => {
    const learner = new CompareLearner(rubric, makeTasks(60));
    learner.train('sequential');
    expect(learner.suggest('t30', 'n-grams')).toBeNull();
    for (let i = 0; i < 10; i++) learner.record(`t${i}`, judged(i), 'labelled');
    learner.train('sequential');
    let right = 0;
    for (let i = 10; i < 60; i++) if (learner.suggest(`t${i}`, 'n-grams')?.value[0] === betterOf(i)) right++;
    expect(right / 50).toBeGreaterThanOrEqual(0.95);
    const suggestion = learner.suggest('t31', 'n-grams');
    expect(suggestion).toMatchObject({ taskId: 't31', value: ['b'], modelVersion: 'n-grams@2', ratings: [] });
    expect(suggestion?.confidence).toBeGreaterThan(0.5);
    expect(suggestion?.scores.map((s) => s.label)).toEqual(['a', 'b']);
    expect((suggestion?.scores[0]?.p ?? 0) + (suggestion?.scores[1]?.p ?? 0)).toBeCloseTo(1, 6);
    // Ten judgements: the first cross-validated estimate, and the learning curve's first point.
    expect(learner.estimatedAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(learner.curve).toEqual([[10, learner.estimatedAccuracy]]);
  });

  it('judges the confidence of the preferred response on judgements made with a suggestion shown, and only those', () => {
    const learner = new CompareLearner(rubric, makeTasks(40));
    for (let i = 0; i < 10; i++) learner.record(`t${i}`, judged(i), 'labelled');
    learner.train('sequential');
    expect(learner.confidenceReport().decided).toBe(0);
    for (let i = 10; i < 20; i++) learner.record(`t${i}`, judged(i), 'labelled', true);
    const report = learner.confidenceReport();
    expect(report.decided).toBe(10);
    expect(report.bins.filter((bin) => bin.count > 0).every((bin) => (bin.meanConfidence ?? 0) >= 0.5)).toBe(true);
  });

  it('learns nothing from ties alone and ignores both-bad, undo takes a judgement back', () => {
    const learner = new CompareLearner(rubric, makeTasks(10));
    learner.record('t0', [encodeJudgement({ shown: ['a', 'b'], preference: { kind: 'tie' }, ratings: {}, correction: null, rationale: '' })], 'labelled');
    learner.record('t1', [encodeJudgement({ shown: ['a', 'b'], preference: { kind: 'both-bad' }, ratings: {}, correction: null, rationale: '' })], 'labelled');
    learner.train('sequential');
    expect(learner.suggest('t5', 'n-grams')?.confidence).toBeCloseTo(0.5, 6);
    learner.record('t2', judged(2), 'labelled');
    learner.train('sequential');
    expect(learner.humanLabels).toBe(3);
    learner.record('t2', [], 'retracted');
    expect(learner.humanLabels).toBe(2);
  });

  it('suggests ratings from the ordinal head once an item has been rated', () => {
    const learner = new CompareLearner(rubric, makeTasks(40));
    // Billing questions (even tasks) were rated 3, shipping ones 1.
    for (let i = 0; i < 20; i++) learner.record(`t${i}`, judged(i, { ratings: { Helpfulness: i % 2 === 0 ? 3 : 1 } }), 'labelled');
    learner.train('sequential');
    for (let i = 20; i < 40; i++) {
      const ratings = learner.suggest(`t${i}`, 'n-grams')?.ratings ?? [];
      expect(ratings.map((r) => [r.name, r.value])).toEqual([['Helpfulness', i % 2 === 0 ? 3 : 1]]);
      expect(ratings[0]?.confidence).toBeGreaterThan(0.5);
    }
  });

  it('orders open tasks by the strategy, the least sure first, never offering judged ones', () => {
    const learner = new CompareLearner(rubric, makeTasks(40));
    for (let i = 0; i < 10; i++) learner.record(`t${i}`, judged(i), 'labelled');
    learner.record('t10', [], 'skipped');
    learner.train('sequential');
    expect(learner.next(10, 3)).toEqual([11, 12, 13]);
    learner.train('least-confidence');
    const picked = learner.next(-1, 5);
    expect(picked).toHaveLength(5);
    expect(picked.every((seq) => seq > 10)).toBe(true);
    const confidence = (seq: number): number => learner.suggest(`t${seq}`, 'n-grams')?.confidence ?? 0;
    for (let k = 1; k < picked.length; k++) expect(confidence(picked[k] as number)).toBeGreaterThanOrEqual(confidence(picked[k - 1] as number) - 1e-12);
  });

  it('a task without responses is ordered but never suggested; a damaged value closes its task and teaches nothing', () => {
    const tasks = makeTasks(4);
    tasks.push({ id: 'plain', seq: 4, text: 'no responses here' });
    const learner = new CompareLearner(rubric, tasks);
    learner.record('t0', ['not a judgement'], 'labelled');
    learner.train('sequential');
    expect(learner.suggest('plain', 'n-grams')).toBeNull();
    expect(learner.suggest('t1', 'n-grams')).toBeNull();
    expect(learner.next(-1, 10)).toEqual([1, 2, 3, 4]);
  });

  it("learns from the responses' embeddings: two replies with the same words, told apart only by their vectors", () => {
    const D = 8;
    const rng = createRng(5);
    // Task i's stored vector: prompt, then reply a, then reply b (compareEmbeddingTexts' order). The preferred
    // reply's vector leans along the first axis, the other against it; every other axis is noise.
    const tasks = makeTasks(60).map((task) => ({ ...task, compare: { ...task.compare!, responses: task.compare!.responses.map((r) => ({ ...r, text: 'the same words' })) } }));
    const vectors = new Map(
      tasks.map((task, i) => {
        const vector = Float32Array.from({ length: 3 * D }, () => rng() - 0.5);
        const better = betterOf(i) === 'a' ? 1 : 2;
        vector[better * D] = 1;
        vector[(3 - better) * D] = -1;
        return [task.id, vector];
      }),
    );
    expect(compareEmbeddingTexts(tasks[0]!.text, tasks[0]!.compare)).toEqual([tasks[0]!.text, 'the same words', 'the same words']);
    const learner = new CompareLearner(rubric, tasks);
    for (let i = 0; i < 20; i++) learner.record(`t${i}`, judged(i), 'labelled');
    learner.train('sequential');
    expect(learner.suggest('t40', 'n-grams')?.confidence).toBeCloseTo(0.5, 9);

    expect(learner.estimatedAccuracy).toBe(0.5);
    learner.useDense(D, vectors);
    learner.train('sequential');
    // Cross-validated (and the calibration refitted on it) at once on the new features, not 10 judgements later.
    expect(learner.estimatedAccuracy).toBe(1);
    for (let i = 20; i < 60; i++) expect(learner.suggest(`t${i}`, 'tiny')?.value).toEqual([betterOf(i)]);

    // A vector of another shape (not this task's prompt and two replies) gives the task no dense features.
    learner.setDense('t41', new Float32Array(D));
    learner.train('sequential');
    expect(learner.suggest('t41', 'tiny')?.confidence).toBeCloseTo(0.5, 9);
    learner.setDense('t41', vectors.get('t41')!);
    learner.train('sequential');
    expect(learner.suggest('t41', 'tiny')?.value).toEqual([betterOf(41)]);

    // Hybrid clusters whole tasks on their words (the whole-task rows carry no vector) beside the dense head.
    learner.train('hybrid');
    const next = learner.next(-1, 5);
    expect(next).toHaveLength(5);
    expect(next.every((seq) => seq >= 20)).toBe(true);

    learner.useDense(null, new Map());
    learner.train('sequential');
    expect(learner.suggest('t40', 'n-grams')?.confidence).toBeCloseTo(0.5, 9);
  });

  it("shows the reward model's chances through the calibration fitted on held-out judgements, and judges what it showed", () => {
    const tasks = makeTasks(80);
    // An annotator who takes the reply with the better words 3 times in 4: a model fitted to that is too sure.
    const rng = createRng(12);
    const winners = tasks.map((_, i) => (rng() < 0.75 ? betterOf(i) : betterOf(i + 1)));
    const learner = new CompareLearner(rubric, tasks);
    for (let i = 0; i < 40; i++) learner.record(`t${i}`, judged(i, { preference: { kind: 'better', id: winners[i] as string } }), 'labelled');
    learner.train('sequential');
    const { calibration } = learner.confidenceReport();
    if (calibration.kind !== 'temperature') throw new Error(`expected a temperature, got ${calibration.kind}`);
    expect(calibration.temperature).toBeGreaterThan(1.2);

    // The same head trained by hand on the same judgements: what the reward model says before calibration.
    const rowsOf = (i: number) => tasks[i]!.compare!.responses.map((r) => responseRow(hashedFeatures(tasks[i]!.text), hashedFeatures(r.text)));
    const pairs = Array.from({ length: 40 }, (_, i) => {
      const [a, b] = rowsOf(i) as [ReturnType<typeof responseRow>, ReturnType<typeof responseRow>];
      return winners[i] === 'a' ? { winner: a, loser: b } : { winner: b, loser: a };
    });
    const head = trainReward(pairs, { denseDims: 0 }).weights;
    for (const i of [50, 51, 63]) {
      const raw = choiceProbabilities(Float64Array.from(rowsOf(i), (row) => rewardScore(head, row)), new Float32Array(2));
      const shown = withTemperature(raw, calibration.temperature);
      const suggestion = learner.suggest(`t${i}`, 'n-grams');
      const top = suggestion?.value[0] === 'a' ? 0 : 1;
      expect(suggestion?.confidence).toBeCloseTo(shown[top] as number, 6);
      expect(suggestion?.scores.map((s) => s.p)).toEqual([expect.closeTo(shown[0] as number, 6), expect.closeTo(shown[1] as number, 6)]);
      expect(raw[top] as number).toBeGreaterThan((shown[top] as number) + 0.02);
    }

    // The reliability chart records the confidence the annotator saw.
    const shownThen = learner.suggest('t50', 'n-grams')?.confidence;
    learner.record('t50', judged(50), 'labelled', true);
    expect(learner.confidenceReport().bins.find((bin) => bin.count === 1)?.meanConfidence).toBeCloseTo(shownThen as number, 6);
  });
});
