import { describe, expect, it } from 'vitest';
import { metaKeysOf, writeTasksCsv } from '../../../src/lib/formats/csv-export';
import { exportAnnotation, exportTask } from './export-factories';
import { parseInPieces } from './read-file';

describe('exporting tasks as CSV', () => {
  it('writes one row per annotation, and one row with empty label cells for a task without any', () => {
    const tasks = [
      exportTask({
        meta: { source: 'web', stars: 4 },
        annotations: [
          exportAnnotation({ value: ['positive', 'short'] }),
          exportAnnotation({ annotatorId: 'ann-2', annotatorName: 'Bo', value: [], status: 'skipped' }),
        ],
      }),
      exportTask({ id: 't2', text: 'Said "no", then\nleft', meta: { tags: ['a', 'b'], source: null } }),
    ];
    expect(writeTasksCsv(tasks, metaKeysOf(tasks)).join('')).toBe(
      [
        'id,text,source,stars,tags,annotator,annotator_name,labels,status,updated_at',
        't1,Great product,web,4,,ann-1,Ada,positive|short,labelled,2024-05-01T09:31:00.000Z',
        't1,Great product,web,4,,ann-2,Bo,,skipped,2024-05-01T09:31:00.000Z',
        't2,"Said ""no"", then\nleft",null,,"[""a"",""b""]",,,,,',
        '',
      ].join('\n'),
    );
  });

  it('hands out one chunk per row', () => {
    expect(writeTasksCsv([exportTask()], [])).toEqual([
      'id,text,annotator,annotator_name,labels,status,updated_at\n',
      't1,Great product,,,,,\n',
    ]);
  });

  it('quotes cells with a comma, a quote, a carriage return or a line feed, and nothing else', () => {
    const texts = ['a,b', 'say "hi"', 'one\rtwo', 'x\ny', "it's fine; really"];
    const rows = writeTasksCsv(texts.map((text) => exportTask({ text })), []).slice(1);
    expect(rows.map((row) => row.split(',,')[0])).toEqual([
      't1,"a,b"',
      't1,"say ""hi"""',
      't1,"one\rtwo"',
      't1,"x\ny"',
      "t1,it's fine; really",
    ]);
  });

  it('renames a meta column that would clash with a fixed one, so the file reads back', () => {
    const tasks = [exportTask({ meta: { status: 'draft', labels: 'old' } })];
    const csv = writeTasksCsv(tasks, metaKeysOf(tasks)).join('');
    expect(csv.split('\n')[0]).toBe('id,text,meta.status,meta.labels,annotator,annotator_name,labels,status,updated_at');
    expect(parseInPieces('csv', 'export.csv', csv)).toEqual([
      {
        kind: 'record',
        line: 2,
        fields: {
          id: 't1',
          text: 'Great product',
          'meta.status': 'draft',
          'meta.labels': 'old',
          annotator: '',
          annotator_name: '',
          labels: '',
          status: '',
          updated_at: '',
        },
      },
    ]);
  });

  it('lists meta keys in order of first appearance', () => {
    expect(metaKeysOf([exportTask({ meta: { b: 1, a: 2 } }), exportTask({ meta: { c: 3, a: 4 } })])).toEqual(['b', 'a', 'c']);
  });
});
