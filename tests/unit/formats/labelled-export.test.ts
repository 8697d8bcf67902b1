import { describe, expect, it } from 'vitest';
import { toLabelledDocs } from '../../../src/lib/formats/labelled-export';
import type { ExportAnnotation, ExportTask } from '../../../src/lib/formats/types';

const annotation = (annotatorId: string, value: string[], status: ExportAnnotation['status'] = 'labelled'): ExportAnnotation => ({
  annotatorId, annotatorName: '', value, status, createdAt: 1, updatedAt: 2, revision: 3,
});

describe('tasks as documents for other tools', () => {
  it('a span task carries only the exporting annotator\'s spans, decoded', () => {
    const tasks: ExportTask[] = [
      { id: 't1', text: 'Ada met Bo', meta: { src: 'x' }, annotations: [annotation('other', ['0:3:LOC']), annotation('me', ['0:3:PER', '8:10:PER'])] },
      { id: 't2', text: 'Nobody', meta: {}, annotations: [] },
    ];
    expect(toLabelledDocs(tasks, 'spans', 'me', 'Mo')).toEqual([
      {
        id: 't1', text: 'Ada met Bo', meta: { src: 'x' }, predictions: [],
        annotations: [{ annotator: 'Mo', labels: [], spans: [{ start: 0, end: 3, label: 'PER' }, { start: 8, end: 10, label: 'PER' }], status: 'labelled', score: null }],
      },
      { id: 't2', text: 'Nobody', meta: {}, annotations: [], predictions: [] },
    ]);
  });

  it('a classification task carries labels, and a skip stays a skip', () => {
    const tasks: ExportTask[] = [
      { id: 'a', text: 'good', meta: {}, annotations: [annotation('me', ['positive', 'short'])] },
      { id: 'b', text: 'meh', meta: {}, annotations: [annotation('me', [], 'skipped')] },
    ];
    const docs = toLabelledDocs(tasks, 'multi', 'me', 'Mo');
    expect(docs[0]?.annotations[0]).toMatchObject({ labels: ['positive', 'short'], spans: [], status: 'labelled' });
    expect(docs[1]?.annotations[0]).toMatchObject({ labels: [], status: 'skipped' });
  });
});
