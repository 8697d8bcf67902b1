import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../../../src/lib/formats/types';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { checkLabelValues, valueProblem, type LabelRules } from '../../../src/lib/sync/label-values';
import { fullHeader, syncAnnotation } from './factories';

const single: LabelRules = { taskType: 'single', labels: [{ name: 'Yes' }, { name: 'No' }] };
const multi: LabelRules = { ...single, taskType: 'multi' };
const spans: LabelRules = { taskType: 'spans', labels: [{ name: 'PER' }, { name: 'ORG' }] };
const TEXT = 'Ada Lovelace met Babbage';

describe('valueProblem: can a value be an annotation of this project?', () => {
  it('takes the project\'s labels, one for a single-label project, any number of different ones for multi-label', () => {
    expect(valueProblem(['Yes'], single, 'x')).toBeNull();
    expect(valueProblem([], single, 'x')).toBeNull();
    expect(valueProblem(['Yes', 'No'], multi, undefined)).toBeNull();
  });

  it('refuses what is no label of the project, naming the project\'s labels', () => {
    expect(valueProblem(['NOT-A-LABEL'], single, 'x')).toBe('"NOT-A-LABEL" is not a label of this project (its labels: Yes, No)');
    expect(valueProblem(['<b>x</b>'], multi, undefined)).toBe('"<b>x</b>" is not a label of this project (its labels: Yes, No)');
    expect(valueProblem(['yes'], single, 'x')).toBe('"yes" is not a label of this project (its labels: Yes, No)');
  });

  it('refuses spans in a whole-text project and several labels in a single-label one', () => {
    expect(valueProblem(['0:3:Yes'], single, 'x')).toBe('"0:3:Yes" is a span, but this project labels whole texts (its labels: Yes, No)');
    expect(valueProblem(['Yes', 'No'], single, 'x')).toBe('holds 2 labels ("Yes", "No"), but this project takes one label per task');
  });

  it('in a span project, takes spans of its labels inside the task\'s text, overlapping ones too (labelled import lets them in)', () => {
    expect(valueProblem(['0:3:PER', '17:24:PER'], spans, TEXT)).toBeNull();
    expect(valueProblem([], spans, TEXT)).toBeNull();
    expect(valueProblem(['0:12:ORG', '4:12:PER'], spans, TEXT)).toBeNull();
  });

  it('refuses a label in a span project, a span of another label, and a span past the end of its task\'s text', () => {
    expect(valueProblem(['PER'], spans, TEXT)).toBe('"PER" is not a span "start:end:label", and this project marks spans (its labels: PER, ORG)');
    expect(valueProblem(['0:3:LOC'], spans, TEXT)).toBe('span "0:3:LOC": "LOC" is not a label of this project (its labels: PER, ORG)');
    expect(valueProblem(['17:40:PER'], spans, TEXT)).toBe('span "17:40:PER" ends at 40, after the end of its task\'s text (24 characters)');
  });

  it('checks spans of a task that is not here for everything but its text', () => {
    expect(valueProblem(['17:40:PER'], spans, undefined)).toBeNull();
    expect(valueProblem(['0:3:LOC'], spans, undefined)).not.toBeNull();
  });
});

describe('checkLabelValues', () => {
  it('refuses the whole file at the first bad value, with the file\'s name and the line', async () => {
    const annotations = [syncAnnotation({ taskId: 't1', value: ['Yes'] }), syncAnnotation({ taskId: 't2', value: ['NOT-A-LABEL'] })];
    const file = await readLabelFile(`\n${await writeLabelFile(fullHeader(), annotations)}`, 'team.labels.jsonl');
    const check = () => checkLabelValues(file, single, () => 'text');
    expect(check).toThrow(FileFormatError);
    expect(check).toThrow('team.labels.jsonl, line 4: "NOT-A-LABEL" is not a label of this project (its labels: Yes, No)');
  });

  it('passes a file whose values are all labels of the project, whether its tasks are here or not', async () => {
    const file = await readLabelFile(await writeLabelFile(fullHeader(), [syncAnnotation({ taskId: 'ghost', value: ['No'] })]), 'ok.labels.jsonl');
    expect(() => checkLabelValues(file, single, () => undefined)).not.toThrow();
  });
});
