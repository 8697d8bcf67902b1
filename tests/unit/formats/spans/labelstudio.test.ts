import { describe, expect, it } from 'vitest';
import { FormatProblem, judgement } from '../../../../src/lib/formats/spans/document';
import { read, write } from '../../../../src/lib/formats/spans/labelstudio';
import { ReadReport } from '../../../../src/lib/formats/spans/read-report';
import { coveredTexts, spanDoc, spanFixture, spanTexts } from './fixtures';

function problemOf(text: string): string {
  try {
    read(text, 'export.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

/** A one-task export whose first annotation holds `result`. */
function taskWith(result: unknown[], text = 'Visit Paris'): string {
  return JSON.stringify([{ id: 1, data: { text }, annotations: [{ result }] }], null, 2);
}

describe('reading a Label Studio NER export', () => {
  const docs = read(spanFixture('labelstudio-ner.json'), 'labelstudio-ner.json');

  it('makes annotations of annotations and predictions of predictions', () => {
    const [first] = docs;
    expect(first?.id).toBe('1');
    expect(spanTexts(first!)).toEqual(['ORG:EU', 'MISC:German', 'MISC:British']);
    expect(first?.annotations.map(({ annotator, status }) => `${annotator} ${status}`)).toEqual(['1 labelled', '2 skipped']);
    expect(first?.predictions).toHaveLength(1);
    expect(first?.predictions[0]).toMatchObject({ annotator: 'ner-v2', score: 0.87 });
    expect(coveredTexts(first!, first?.predictions[0])).toEqual(['ORG:EU', 'NORP:German']);
  });

  it('keeps the other data fields as meta and the other task fields under meta.labelstudio', () => {
    expect(docs[0]?.meta).toEqual({
      source: 'reuters',
      labelstudio: {
        task: {
          created_at: '2024-04-30T08:00:00.000000Z',
          updated_at: '2024-05-01T10:00:00.000000Z',
          inner_id: 1,
          total_annotations: 1,
          cancelled_annotations: 1,
          total_predictions: 1,
          project: 7,
        },
      },
    });
  });

  it('turns code point offsets after emoji, flags and combining marks into UTF-16 ones', () => {
    const doc = docs[1]!;
    expect(spanTexts(doc)).toEqual(['EMOJI:👩‍🔬', 'PER:Marie Curie', 'PER:Marie', 'LOC:東京', 'PER:Zoe\u0301', 'FLAG:🇵🇱', 'PER:Niels Bohr']);
    expect(doc.annotations[0]?.spans[0]).toEqual({ start: 0, end: 5, label: 'EMOJI' });
    expect(doc.annotations[0]?.spans.at(-1)?.end).toBe(doc.text.length);
  });

  it('takes the annotator from completed_by, a user id or an object of user details', () => {
    expect(docs[1]?.annotations[0]?.annotator).toBe('ada@example.org');
  });

  it('reads an empty result as a labelled annotation without spans, and overlapping predicted spans', () => {
    expect(docs[2]?.annotations).toEqual([judgement({ annotator: '1' })]);
    expect(docs[3]?.annotations).toEqual([]);
    expect(coveredTexts(docs[3]!, docs[3]?.predictions[0])).toEqual(['LOC:New York', 'LOC:New York City']);
    expect(docs[3]?.predictions[0]?.score).toBeNull();
  });

  it('comes back the same after writing, with offsets in code points again', () => {
    const written = write(docs);
    expect(read(written, 'again.json')).toEqual(docs);
    const tasks = JSON.parse(written);
    expect(tasks[1].annotations[0].result[1]).toEqual({
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: 4, end: 15, text: 'Marie Curie', labels: ['PER'] },
    });
    expect(tasks[0]).toMatchObject({ id: 1, project: 7, data: { text: docs[0]?.text, source: 'reuters' } });
    expect(tasks[0].annotations[1]).toEqual({ result: [], was_cancelled: true, completed_by: 2 });
    expect(tasks[0].predictions[0]).toMatchObject({ model_version: 'ner-v2', score: 0.87 });
  });
});

describe('reading a Label Studio classification export', () => {
  const docs = read(spanFixture('labelstudio-sentiment.json'), 'labelstudio-sentiment.json');

  it('reads choices as labels, and leaves regions of other kinds (a text area) out', () => {
    expect(docs.map((doc) => doc.annotations.map((annotation) => annotation.labels))).toEqual([[['Negative']], [['Positive', 'Shipping']]]);
    expect(docs[0]?.predictions).toEqual([judgement({ annotator: 'sentiment-0.3', labels: ['Neutral'], score: 0.62 })]);
    expect(docs[1]?.annotations[0]?.spans).toEqual([]);
  });

  it('keeps the control tag’s name, so that writing uses it again', () => {
    expect(docs[0]?.meta).toEqual({ stars: 1, labelstudio: { choices_from: 'sentiment' } });
    const region = JSON.parse(write(docs))[0].annotations[0].result[0];
    expect(region).toEqual({ from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Negative'] } });
    expect(read(write(docs), 'again.json')).toEqual(docs);
  });
});

describe('writing documents from other formats', () => {
  it('names spans "label" and choices "choice", both on the object "text"', () => {
    const doc = { ...spanDoc('to Paris 🗼', [{ start: 3, end: 8, label: 'LOC' }]), id: 'd-7' };
    doc.annotations[0]!.labels = ['travel'];
    const [task] = JSON.parse(write([doc]));
    expect(task).toEqual({
      id: 'd-7',
      data: { text: 'to Paris 🗼' },
      annotations: [
        {
          result: [
            { from_name: 'label', to_name: 'text', type: 'labels', value: { start: 3, end: 8, text: 'Paris', labels: ['LOC'] } },
            { from_name: 'choice', to_name: 'text', type: 'choices', value: { choices: ['travel'] } },
          ],
          was_cancelled: false,
        },
      ],
      predictions: [],
    });
    expect(read(write([doc]), 'again.json')).toEqual([doc]);
  });

  it('puts the text back under the data field it came from', () => {
    const docs = read(JSON.stringify([{ data: { review: 'Arrived broken', stars: 1 } }]), 'reviews.json');
    expect(docs[0]).toMatchObject({ text: 'Arrived broken', meta: { stars: 1, labelstudio: { text_field: 'review' } } });
    expect(JSON.parse(write(docs))[0].data).toEqual({ review: 'Arrived broken', stars: 1 });
    expect(read(JSON.stringify([{ data: { body: 'a', title: 'b' } }]), 'x.json', { textField: 'title' })[0]?.text).toBe('b');
  });
});

describe('bad input', () => {
  it('names the task, its line and the field', () => {
    const region = (start: number, end: number) => ({ type: 'labels', from_name: 'label', to_name: 'text', value: { start, end, labels: ['LOC'] } });
    expect(problemOf(taskWith([region(6, 11), region(6, 12)]))).toBe(
      'export.json, line 2, field "[0].annotations[0].result[1].value.end": expected a number ≤ text length 11, found 12',
    );
    expect(problemOf(taskWith([region(6, 11)], '🗼 Paris'))).toBe(
      'export.json, line 2, field "[0].annotations[0].result[0].value.end": expected a number ≤ text length 7, found 11',
    );
    expect(problemOf(taskWith([{ type: 'labels', value: { start: 0, end: 5, labels: [] } }]))).toBe(
      'export.json, line 2, field "[0].annotations[0].result[0].value.labels": expected a list of labels, found an array',
    );
    expect(problemOf(taskWith([{ type: 'choices', value: { choices: [''] } }]))).toBe(
      'export.json, line 2, field "[0].annotations[0].result[0].value.choices[0]": expected a label, found an empty string',
    );
    expect(problemOf(taskWith([region(0, 5), { ...region(6, 11), to_name: 'title' }]))).toBe(
      'export.json, line 2, field "[0].annotations[0].result[1].to_name": expected "text" like the task\'s other results: one text per task is read',
    );
  });

  it('names a task without data, a text that is not a string and a prediction score that is not a number', () => {
    expect(problemOf('[\n{"data": {"text": "a"}},\n{"annotations": []}\n]')).toBe('export.json, line 3, field "[1].text": expected a string, found undefined');
    expect(problemOf('[{"data": {"text": 3}}]')).toBe('export.json, line 1, field "[0].data.text": expected a string, found 3');
    expect(problemOf('[{"data": {"text": "a"}, "predictions": [{"score": "high", "result": []}]}]')).toBe(
      'export.json, line 1, field "[0].predictions[0].score": expected a number, found "high"',
    );
    expect(problemOf('[{"data": {"text": "a"}, "annotations": {}}]')).toBe('export.json, line 1, field "[0].annotations": expected an array, found an object');
  });

  it('refuses a file that is not a JSON array of objects, or one task object', () => {
    expect(problemOf('[{"data": {"text": "a"}},')).toMatch(/^export\.json, line 1: is not valid JSON \(.+\)$/);
    expect(problemOf('{"data": {"text": "a"}')).toMatch(/^export\.json, line 1: is not valid JSON \(.+\)$/);
    expect(problemOf('[\n  {"data": {"text": "a"}},\n  7\n]')).toBe('export.json, line 3, field "[1]": expected a task object or a text string, found a number');
    expect(problemOf('[{"data": "a"}]')).toBe('export.json, line 1, field "[0].data": expected an object, found "a"');
  });

  it('asks for the text field when no data field is clearly the text', () => {
    expect(problemOf('[{"data": {"url": "a", "title": "b"}}]')).toBe('export.json: cannot tell which field holds the text (fields: "url", "title"); name the text field');
  });
});

describe('the shapes Label Studio\'s importer takes besides its own export', () => {
  it('a task without the "data" wrapper is its own data, beside wrapped tasks in one list', () => {
    const docs = read(spanFixture('labelstudio-unwrapped-choices.json'), 'unwrapped.json');
    expect(docs.map((doc) => [doc.id, doc.text, doc.meta, doc.annotations.map((annotation) => annotation.labels)])).toEqual([
      [null, 'The battery died after two days.', { source: 'web' }, []],
      ['7', 'Setup took five minutes.', { source: 'app', labelstudio: { choices_from: 'sentiment' } }, [['Positive']]],
      [null, 'Arrived on time, works fine.', { source: 'web' }, []],
    ]);
  });

  it('a single task object instead of a list', () => {
    const docs = read(spanFixture('labelstudio-single-task.json'), 'task.json');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.id).toBe('12');
    expect(spanTexts(docs[0]!)).toEqual(['PER:Ada Lovelace', 'PER:Charles Babbage', 'LOC:London']);
    expect(docs[0]?.annotations[0]?.annotator).toBe('ada@example.org');
    expect(problemOf('{\n  "data": {"text": "a"},\n  "annotations": {}\n}')).toBe('export.json, line 1, field "annotations": expected an array, found an object');
  });

  it('"completions", as exports made before Label Studio 1.0 call the annotations', () => {
    const docs = read(spanFixture('labelstudio-completions.json'), 'old.json');
    expect(docs.map((doc) => [doc.id, doc.annotations.map((annotation) => annotation.labels)])).toEqual([
      ['1', [['Positive']]],
      ['2', [['Negative']]],
    ]);
  });

  it('counts the results it has no place for, by type: relations and text areas', () => {
    const report = new ReadReport('annotations');
    read(spanFixture('labelstudio-single-task.json'), 'task.json', {}, report);
    expect(report.dropped).toEqual([
      { kind: { one: 'Label Studio "relation" result', many: 'Label Studio "relation" results' }, count: 2 },
      { kind: { one: 'Label Studio "textarea" result', many: 'Label Studio "textarea" results' }, count: 1 },
    ]);
  });
});

describe('ids for Label Studio\'s converter', () => {
  it('gives a document without an id a running integer id, skipping the ids other documents have', () => {
    const docs = [spanDoc('one', []), { ...spanDoc('two', []), id: '2' }, spanDoc('three', []), { ...spanDoc('four', []), id: 'd-7' }];
    expect(JSON.parse(write(docs)).map((task: { id: unknown }) => task.id)).toEqual([1, 2, 3, 'd-7']);
  });
});
