import { describe, expect, it } from 'vitest';
import { fitTemperature } from '../../../src/lib/learn/calibration';
import { crossValidate } from '../../../src/lib/learn/evaluate';
import { hashedFeatures } from '../../../src/lib/learn/features';
import { ProjectLearner, type LearnerTask } from '../../../src/lib/model/learner';

const labels = [{ name: 'Positive', description: 'great, good' }, { name: 'Negative', description: 'awful, bad' }];
const words = { Positive: ['great', 'lovely', 'superb'], Negative: ['awful', 'broken', 'poor'] };

/** Even tasks praise, odd tasks complain: a word-level signal the n-gram head can learn from a few labels. */
function makeTasks(n: number): LearnerTask[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 2 === 0 ? 'Positive' : 'Negative';
    const word = words[kind][i % 3] as string;
    return { id: `t${i}`, seq: i, text: `item ${i} was ${word} and ${word} again` };
  });
}
const truthOf = (i: number) => (i % 2 === 0 ? 'Positive' : 'Negative');

describe('ProjectLearner', () => {
  it('learns from a few labels and suggests the right label for unseen tasks', () => {
    const learner = new ProjectLearner('single', labels, makeTasks(60));
    for (let i = 0; i < 12; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.train('sequential');
    let right = 0;
    for (let i = 12; i < 60; i++) if (learner.suggest(`t${i}`, 'n-grams')?.value[0] === truthOf(i)) right++;
    expect(right / 48).toBeGreaterThanOrEqual(0.95);
    const suggestion = learner.suggest('t20', 'n-grams');
    expect(suggestion).toMatchObject({ taskId: 't20', value: ['Positive'], modelVersion: 'n-grams@1' });
    expect(suggestion?.confidence).toBeGreaterThan(0.5);
    expect(learner.estimatedAccuracy).not.toBeNull();
    expect(learner.curve).toEqual([[12, learner.estimatedAccuracy]]);
  });

  it('offers no suggestion before any label when the label names share no words with the task', () => {
    const learner = new ProjectLearner('single', [{ name: 'Alpha' }, { name: 'Beta' }], makeTasks(4));
    learner.train('sequential');
    expect(learner.suggest('t0', 'n-grams')).toBeNull();
  });

  it('orders open tasks by the strategy, never offering decided ones', () => {
    const learner = new ProjectLearner('single', labels, makeTasks(40));
    for (let i = 0; i < 10; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.record('t10', [], 'skipped');
    learner.train('sequential');
    expect(learner.next(10, 3)).toEqual([11, 12, 13]);
    expect(learner.next(39, 2)).toEqual([11, 12]);
    learner.train('least-confidence');
    const picked = learner.next(-1, 5);
    expect(picked).toHaveLength(5);
    expect(picked.every((seq) => seq > 10)).toBe(true);
    learner.record('t11', [], 'retracted');
    learner.record('t3', [], 'retracted');
    expect(learner.humanLabels).toBe(9);
  });

  it('takes dense vectors into account once a model supplies them', () => {
    const tasks = makeTasks(20);
    const learner = new ProjectLearner('multi', labels, tasks);
    const vectors = new Map(tasks.map((t, i) => [t.id, Float32Array.from(i % 2 === 0 ? [1, 0] : [0, 1])]));
    learner.useDense(2, vectors, [Float32Array.from([1, 0]), Float32Array.from([0, 1])]);
    for (let i = 0; i < 8; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.train('sequential');
    expect(learner.suggest('t14', 'tiny')?.value).toEqual(['Positive']);
    expect(learner.suggest('t15', 'tiny')?.value).toEqual(['Negative']);
  });
});

describe('ProjectLearner confidence', () => {
  it("with a transformer, starts its zero-shot guess as 'unsure' however wide the lead, and lets it sound surer only as labels bear it out", () => {
    const tasks = makeTasks(80);
    // An embedding that leans hard toward the true label: the zero-shot guess is right every time.
    const vectors = new Map(tasks.map((t, i) => [t.id, Float32Array.from(i % 2 === 0 ? [0.9, 0.1, 0.3] : [0.1, 0.9, 0.3])]));
    const learner = new ProjectLearner('single', labels, tasks);
    learner.useDense(3, vectors, [Float32Array.from([1, 0, 0]), Float32Array.from([0, 1, 0])]);
    learner.train('sequential');
    const start = learner.suggest('t40', 'tiny');
    expect(start?.value).toEqual(['Positive']);
    expect(start?.confidence).toBeCloseTo(0.6, 5);
    // Forty labels, each the zero-shot's guess: its share of the blend has grown surer than it started.
    for (let i = 0; i < 40; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.train('sequential');
    expect(learner.suggest('t41', 'tiny')?.value).toEqual(['Negative']);
    expect(learner.suggest('t41', 'tiny')?.confidence).toBeGreaterThan(0.9);
  });

  it('without a model, suggests nothing before the first labels, even where label names share words with a task', () => {
    const learner = new ProjectLearner('single', labels, [{ id: 'a', seq: 0, text: 'great and good, truly great' }]);
    learner.train('sequential');
    expect(learner.suggest('a', 'n-grams')).toBeNull();
  });

  it('fits its calibration to the raw held-out predictions each time, never on top of the last fit', () => {
    const tasks = makeTasks(60).map((task, i) => ({ ...task, text: i % 5 === 0 ? `item ${i} was fine` : task.text }));
    const learner = new ProjectLearner('single', labels, tasks);
    for (let i = 0; i < 20; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.train('sequential');
    for (let i = 20; i < 30; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.train('sequential');
    const examples = tasks.slice(0, 30).map((task, i) => ({ x: { sparse: hashedFeatures(task.text), dense: null }, y: [i % 2] }));
    const validation = crossValidate(examples, { mode: 'single', classes: 2, denseDims: 0 });
    const expected = fitTemperature(validation?.predictions ?? [], examples.map((e) => e.y[0] as number));
    expect(learner.confidenceReport().calibration).toEqual({ kind: 'temperature', temperature: expected });
  });

  it('judges the confidence of each suggestion the annotator decided, and only those', () => {
    const learner = new ProjectLearner('single', labels, makeTasks(80));
    for (let i = 0; i < 20; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    learner.train('sequential');
    expect(learner.confidenceReport().calibration.kind).toBe('temperature');
    for (let i = 20; i < 40; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled', true);
    // Labels that arrive without a suggestion shown (a merged label file) say nothing about shown confidence.
    for (let i = 40; i < 50; i++) learner.record(`t${i}`, [truthOf(i)], 'labelled');
    const report = learner.confidenceReport();
    expect(report.decided).toBe(20);
    expect(report.bins.reduce((n, bin) => n + bin.count, 0)).toBe(20);
    expect(report.ece).not.toBeNull();
  });
});
