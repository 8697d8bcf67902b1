import { describe, expect, it } from 'vitest';
import { judgement, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { taskContentKey } from '../../../../src/lib/formats/tasks';
import { planLabelledImport } from '../../../../src/lib/formats/spans/labelled-plan';

const labels = (...names: string[]) => names.map((name, i) => ({ name, color: '#000000', hotkey: String(i + 1) }));
const spanProject = { name: 'NER', taskType: 'spans' as const, labels: labels('PER', 'LOC') };
const doc = (parts: Partial<LabelledDoc>): LabelledDoc => ({ id: null, text: 'Ada in Rome', meta: {}, annotations: [], predictions: [], ...parts });

describe('planning the import of another tool\'s labelled file', () => {
  it('human spans become the importer\'s labels and machine spans a suggestion; ids default to the content key', () => {
    const plan = planLabelledImport(
      [
        doc({
          id: 'd1',
          annotations: [judgement({ spans: [{ start: 7, end: 11, label: 'LOC' }, { start: 0, end: 3, label: 'PER' }] })],
          predictions: [judgement({ spans: [{ start: 0, end: 3, label: 'LOC' }], score: 0.4 })],
        }),
        doc({ text: 'Nothing here' }),
      ],
      spanProject,
      'ner.json',
    );
    expect(plan.tasks).toEqual([
      { id: 'd1', text: 'Ada in Rome', meta: {}, annotations: [{ annotator: null, value: ['0:3:PER', '7:11:LOC'], status: 'labelled' }], prelabel: { value: ['0:3:LOC'], score: 0.4 } },
      { id: taskContentKey('Nothing here'), text: 'Nothing here', meta: {}, annotations: [], prelabel: null },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('refuses a file with labels the project lacks, naming them and where they first appear', () => {
    const docs = [doc({}), doc({ annotations: [judgement({ spans: [{ start: 0, end: 3, label: 'MISC' }] })] })];
    expect(() => planLabelledImport(docs, spanProject, 'train.conll')).toThrow(
      'train.conll: uses labels that project "NER" does not have: "MISC" (first in document 2). Create the project with these labels, or remove them from the file; nothing was imported.',
    );
  });

  it('keeps several named annotators apart, but takes a single annotator\'s file as the importer\'s own work', () => {
    const two = [doc({ annotations: [judgement({ annotator: 'ann', labels: ['PER'] }), judgement({ annotator: 'bob', labels: ['LOC'] })] })];
    const classify = { name: 'C', taskType: 'single' as const, labels: labels('PER', 'LOC') };
    expect(planLabelledImport(two, classify, 'ls.json').tasks[0]?.annotations.map((a) => a.annotator)).toEqual(['ann', 'bob']);
    const one = [doc({ annotations: [judgement({ annotator: 'ann', labels: ['PER', 'LOC'] })] })];
    expect(planLabelledImport(one, classify, 'ls.json').tasks[0]?.annotations).toEqual([{ annotator: null, value: ['PER'], status: 'labelled' }]);
  });

  it('says what a project of the other kind cannot take over', () => {
    const docs = [doc({ annotations: [judgement({ spans: [{ start: 0, end: 3, label: 'PER' }] })] })];
    const plan = planLabelledImport(docs, { name: 'C', taskType: 'multi', labels: labels('PER') }, 'x.jsonl');
    expect(plan.tasks[0]?.annotations).toEqual([]);
    expect(plan.notes).toEqual(['Spans in 1 document were not taken over: this project labels whole texts.']);
  });

  it('says what a single-label project and a task\'s one suggestion leave out', () => {
    const docs = [
      doc({ annotations: [judgement({ labels: ['PER', 'LOC'] })], predictions: [judgement({ labels: ['PER'] }), judgement({ labels: ['LOC'] })] }),
      doc({ annotations: [judgement({ labels: ['LOC', 'PER'] })] }),
    ];
    const plan = planLabelledImport(docs, { name: 'C', taskType: 'single', labels: labels('PER', 'LOC') }, 'x.json');
    expect(plan.tasks.map((task) => [task.annotations[0]?.value, task.prelabel?.value])).toEqual([[['PER'], ['PER']], [['LOC'], undefined]]);
    expect(plan.notes).toEqual([
      '2 judgements hold several labels; this project takes one label per task, so only the first of each was taken over.',
      '1 document carries several predictions; the first of each became the suggestion.',
    ]);
  });

  it('leaves out a classification annotation that chose no label, so its task stays open; a span project keeps "nothing to mark"', () => {
    const classify = { name: 'C', taskType: 'single' as const, labels: labels('PER', 'LOC') };
    const docs = [doc({ id: 'a', annotations: [judgement({ labels: [] })] }), doc({ id: 'b', annotations: [judgement({ labels: ['PER'] })] })];
    const plan = planLabelledImport(docs, classify, 'ls.json');
    expect(plan.tasks.map((t) => t.annotations)).toEqual([[], [{ annotator: null, value: ['PER'], status: 'labelled' }]]);
    expect(plan.notes).toEqual(['1 annotation chooses no label and was left out; its task stays open.']);
    const spans = planLabelledImport([doc({ annotations: [judgement({ spans: [] })] })], spanProject, 'ls.json');
    expect(spans.tasks[0]?.annotations).toEqual([{ annotator: null, value: [], status: 'labelled' }]);
  });
});
