import { describe, expect, it } from 'vitest';
import { FormatProblem, judgement, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { readCsv, readJsonl, writeCsv, writeJsonl } from '../../../../src/lib/formats/spans/task-export';
import { taskContentKey } from '../../../../src/lib/formats/tasks';
import { spanFixture, spanTexts } from './fixtures';

const MAY_FIRST = Date.UTC(2024, 4, 1, 9, 30);

function problemOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

describe('reading our own JSONL task export', () => {
  const docs = readJsonl(spanFixture('tasks-export.jsonl'), 'tasks-export.jsonl');

  it('takes id, text and meta as task import does, and every annotation with its annotator and status', () => {
    expect(docs[0]).toEqual({
      id: 't1',
      text: 'Great product',
      meta: { source: 'web' },
      annotations: [judgement({ annotator: 'ann-1', labels: ['positive'] }), judgement({ annotator: 'ann-2', status: 'skipped' })],
      predictions: [],
    });
    expect(docs[1]?.annotations).toEqual([]);
  });

  it('reads the "start:end:label" values of a span task as spans', () => {
    expect(spanTexts(docs[2]!)).toEqual(['PER:Marie Curie', 'LOC:東京']);
    expect(docs[2]?.annotations[0]?.labels).toEqual([]);
  });

  it('comes back the same after writing, with the time of writing as the annotations’ times', () => {
    const written = writeJsonl(docs, MAY_FIRST);
    expect(readJsonl(written, 'again.jsonl')).toEqual(docs);
    expect(JSON.parse(written.split('\n')[0]!).annotations[0]).toEqual({
      annotator: 'ann-1',
      annotator_name: 'ann-1',
      value: ['positive'],
      status: 'labelled',
      created_at: '2024-05-01T09:30:00.000Z',
      updated_at: '2024-05-01T09:30:00.000Z',
      revision: 1,
    });
  });

  it('names a document without an id by its text, as task import does', () => {
    const doc: LabelledDoc = { id: null, text: 'Arrived broken.', meta: {}, annotations: [], predictions: [] };
    expect(JSON.parse(writeJsonl([doc], MAY_FIRST)).id).toBe(taskContentKey('Arrived broken.'));
  });
});

describe('reading our own CSV task export', () => {
  const docs = readCsv(spanFixture('tasks-export.csv'), 'tasks-export.csv');

  it('makes one task of the rows of one id, one annotation per row', () => {
    expect(docs.map((doc) => doc.id)).toEqual(['t1', 't2', 's1']);
    expect(docs[0]?.annotations).toEqual([judgement({ annotator: 'ann-1', labels: ['positive', 'short'] }), judgement({ annotator: 'ann-2', status: 'skipped' })]);
    expect(docs[1]).toEqual({ id: 't2', text: 'Said "no", then left', meta: { source: 'app', status: '' }, annotations: [], predictions: [] });
    expect(spanTexts(docs[2]!)).toEqual(['PER:Marie Curie', 'LOC:東京']);
  });

  it('gives a meta column back its name without the "meta." the export put before it', () => {
    expect(docs[0]?.meta).toEqual({ source: 'web', status: 'draft' });
  });

  it('comes back the same after writing', () => {
    expect(readCsv(writeCsv(docs, MAY_FIRST), 'again.csv')).toEqual(docs);
    expect(writeCsv(docs, MAY_FIRST).split('\n')[0]).toBe('id,text,source,meta.status,annotator,annotator_name,labels,status,updated_at');
  });

  it('reads a CSV of plain tasks as documents without annotations', () => {
    expect(readCsv('id,text,status\n1,hello,new\n', 'plain.csv')).toEqual([{ id: '1', text: 'hello', meta: { status: 'new' }, annotations: [], predictions: [] }]);
  });
});

describe('bad input', () => {
  it('names the line and the field of an annotation that is not ours', () => {
    expect(problemOf(() => readJsonl('{"text": "a", "annotations": [{"value": "pos", "status": "labelled"}]}', 'x.jsonl'))).toBe(
      'x.jsonl, line 1, field "annotations[0].value": expected a list of label names, found "pos"',
    );
    expect(problemOf(() => readJsonl('{"text": "a"}\n{"text": "b", "annotations": [{"value": [], "status": "done"}]}', 'x.jsonl'))).toBe(
      'x.jsonl, line 2, field "annotations[0].status": expected "labelled" or "skipped", found "done"',
    );
    expect(problemOf(() => readJsonl('{"text": "a", "annotations": {}}', 'x.jsonl'))).toBe('x.jsonl, line 1, field "annotations": expected an array, found an object');
    expect(problemOf(() => readCsv('id,text,annotator,annotator_name,labels,status,updated_at\n1,a,ann,Ann,pos,maybe,\n', 'x.csv'))).toBe(
      'x.csv, line 2, field "status": expected "labelled" or "skipped", found "maybe"',
    );
  });

  it('names a record task import would reject, and a CSV that is not one', () => {
    expect(problemOf(() => readJsonl('{"id": "1", "text": ""}', 'x.jsonl'))).toBe('x.jsonl, line 1: field "text" is empty');
    expect(problemOf(() => readCsv('id,text\n1,a,b\n', 'x.csv'))).toBe('x.csv, line 2: expected 2 columns (id, text), found 3');
    expect(problemOf(() => readCsv('text,text\na,b\n', 'x.csv'))).toBe('x.csv, line 1: header: column "text" appears twice; column names must be unique');
  });
});
