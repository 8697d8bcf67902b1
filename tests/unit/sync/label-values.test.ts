import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../../../src/lib/formats/types';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { DEFAULT_RUBRIC, encodeJudgement, type Judgement } from '../../../src/lib/domain/compare';
import { checkLabelValues, valueProblem, type LabelRules } from '../../../src/lib/sync/label-values';
import { fullHeader, syncAnnotation } from './factories';

const single: LabelRules = { taskType: 'single', labels: [{ name: 'Yes' }, { name: 'No' }] };
const multi: LabelRules = { ...single, taskType: 'multi' };
const spans: LabelRules = { taskType: 'spans', labels: [{ name: 'PER' }, { name: 'ORG' }] };
const TASK = { text: 'Ada Lovelace met Babbage' };

describe('valueProblem: can a value be an annotation of this project?', () => {
  it('takes the project\'s labels, one for a single-label project, any number of different ones for multi-label', () => {
    expect(valueProblem(['Yes'], single, { text: 'x' })).toBeNull();
    expect(valueProblem([], single, { text: 'x' })).toBeNull();
    expect(valueProblem(['Yes', 'No'], multi, undefined)).toBeNull();
  });

  it('refuses what is no label of the project, naming the project\'s labels', () => {
    expect(valueProblem(['NOT-A-LABEL'], single, { text: 'x' })).toBe('"NOT-A-LABEL" is not a label of this project (its labels: Yes, No)');
    expect(valueProblem(['<b>x</b>'], multi, undefined)).toBe('"<b>x</b>" is not a label of this project (its labels: Yes, No)');
    expect(valueProblem(['yes'], single, { text: 'x' })).toBe('"yes" is not a label of this project (its labels: Yes, No)');
  });

  it('refuses spans in a whole-text project and several labels in a single-label one', () => {
    expect(valueProblem(['0:3:Yes'], single, { text: 'x' })).toBe('"0:3:Yes" is a span, but this project labels whole texts (its labels: Yes, No)');
    expect(valueProblem(['Yes', 'No'], single, { text: 'x' })).toBe('holds 2 labels ("Yes", "No"), but this project takes one label per task');
  });

  it('in a span project, takes spans of its labels inside the task\'s text, overlapping ones too (labelled import lets them in)', () => {
    expect(valueProblem(['0:3:PER', '17:24:PER'], spans, TASK)).toBeNull();
    expect(valueProblem([], spans, TASK)).toBeNull();
    expect(valueProblem(['0:12:ORG', '4:12:PER'], spans, TASK)).toBeNull();
  });

  it('refuses a label in a span project, a span of another label, and a span past the end of its task\'s text', () => {
    expect(valueProblem(['PER'], spans, TASK)).toBe('"PER" is not a span "start:end:label", and this project marks spans (its labels: PER, ORG)');
    expect(valueProblem(['0:3:LOC'], spans, TASK)).toBe('span "0:3:LOC": "LOC" is not a label of this project (its labels: PER, ORG)');
    expect(valueProblem(['17:40:PER'], spans, TASK)).toBe('span "17:40:PER" ends at 40, after the end of its task\'s text (24 characters)');
  });

  it('checks spans of a task that is not here for everything but its text', () => {
    expect(valueProblem(['17:40:PER'], spans, undefined)).toBeNull();
    expect(valueProblem(['0:3:LOC'], spans, undefined)).not.toBeNull();
  });
});

describe('valueProblem in a compare project', () => {
  const compare: LabelRules = { taskType: 'compare', labels: [], rubric: { ...DEFAULT_RUBRIC, ratings: [{ name: 'Helpful', scale: 5, descriptions: ['1', '2', '3', '4', '5'], required: false }] } };
  const task = { text: 'What is the capital of France?', compare: { messages: [{ role: 'user' as const, content: 'What is the capital of France?' }], responses: [{ id: 'r1', text: 'Paris.' }, { id: 'r2', text: 'Lyon.' }] } };
  const judgement: Judgement = { shown: ['r2', 'r1'], preference: { kind: 'better', id: 'r1' }, ratings: { Helpful: 4 }, correction: null, rationale: '' };
  const value = [encodeJudgement(judgement)];

  it('takes a judgement of the task\'s responses by the project\'s rubric, and an empty value (a skip or an undo)', () => {
    expect(valueProblem(value, compare, task)).toBeNull();
    expect(valueProblem(value, compare, undefined)).toBeNull();
    expect(valueProblem([], compare, task)).toBeNull();
  });

  it('refuses a label or a span, naming what a compare value is', () => {
    expect(valueProblem(['Yes'], compare, task)).toBe('"Yes" is a label, but this project compares responses: its values are judgements (JSON with "shown", "preference", "ratings", "correction", "rationale")');
    expect(valueProblem(['0:3:PER'], compare, task)).toMatch(/^"0:3:PER" is a span, but this project compares responses/);
  });

  it('refuses a judgement of other responses, a rating off the rubric, two values, and broken JSON', () => {
    expect(valueProblem([encodeJudgement({ ...judgement, shown: ['r1', 'r3'] })], compare, task)).toMatch(/: shows responses \["r1","r3"\], but its task has \["r1","r2"\]$/);
    expect(valueProblem([encodeJudgement({ ...judgement, ratings: { Helpful: 9 } })], compare, undefined)).toMatch(/^judgement "\{.*: rates "Helpful" 9, above its scale of 5$/);
    expect(valueProblem([...value, ...value], compare, task)).toMatch(/holds 2 values, but a compare judgement is one$/);
    expect(valueProblem(['{"shown":'], compare, task)).toMatch(/is not a judgement/);
    expect(valueProblem(value, compare, { text: 'no responses' })).toBe('is a judgement of a task that holds no responses to compare');
    const huge = encodeJudgement({ ...judgement, rationale: 'x'.repeat(500_000) });
    expect(valueProblem([huge], compare, task)).toMatch(/^judgement "\{.*" is 500,\d{3} characters long, more than a judgement holds \(410,000\)$/);
  });

  it('refuses a judgement in a project that labels texts or marks spans', () => {
    expect(valueProblem(value, single, { text: 'x' })).toMatch(/^"\{.*" is a compare judgement, but this project labels whole texts \(its labels: Yes, No\)$/);
    expect(valueProblem(value, spans, TASK)).toMatch(/is a compare judgement, but this project marks spans \(its labels: PER, ORG\)$/);
  });
});

describe('checkLabelValues', () => {
  it('refuses the whole file at the first bad value, with the file\'s name and the line', async () => {
    const annotations = [syncAnnotation({ taskId: 't1', value: ['Yes'] }), syncAnnotation({ taskId: 't2', value: ['NOT-A-LABEL'] })];
    const file = await readLabelFile(`\n${await writeLabelFile(fullHeader(), annotations)}`, 'team.labels.jsonl');
    const check = () => checkLabelValues(file, single, () => ({ text: 'text' }));
    expect(check).toThrow(FileFormatError);
    expect(check).toThrow('team.labels.jsonl, line 4: "NOT-A-LABEL" is not a label of this project (its labels: Yes, No)');
  });

  it('passes a file whose values are all labels of the project, whether its tasks are here or not', async () => {
    const file = await readLabelFile(await writeLabelFile(fullHeader(), [syncAnnotation({ taskId: 'ghost', value: ['No'] })]), 'ok.labels.jsonl');
    expect(() => checkLabelValues(file, single, () => undefined)).not.toThrow();
  });
});
