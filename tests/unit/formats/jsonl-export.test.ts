import { describe, expect, it } from 'vitest';
import { writeTasksJsonl } from '../../../src/lib/formats/jsonl-export';
import { chooseTextField, recordToTask } from '../../../src/lib/formats/tasks';
import type { RawRecord } from '../../../src/lib/formats/types';
import { exportAnnotation, exportTask } from './export-factories';
import { parseInPieces } from './read-file';

describe('exporting tasks as JSON Lines', () => {
  it('writes one line per task with its annotations, keys in a fixed order and times in ISO 8601', () => {
    const chunks = writeTasksJsonl([
      exportTask({
        meta: { source: 'web' },
        annotations: [
          exportAnnotation(),
          exportAnnotation({ annotatorId: 'ann-2', annotatorName: 'Bo', value: [], status: 'skipped', revision: 3 }),
        ],
      }),
      exportTask({ id: 'h0fa01abb00045042388bbe5edc', text: 'Line one\nline "two"' }),
    ]);
    expect(chunks).toEqual([
      '{"id":"t1","text":"Great product","meta":{"source":"web"},"annotations":[' +
        '{"annotator":"ann-1","annotator_name":"Ada","value":["positive"],"status":"labelled",' +
        '"created_at":"2024-05-01T09:30:00.000Z","updated_at":"2024-05-01T09:31:00.000Z","revision":1},' +
        '{"annotator":"ann-2","annotator_name":"Bo","value":[],"status":"skipped",' +
        '"created_at":"2024-05-01T09:30:00.000Z","updated_at":"2024-05-01T09:31:00.000Z","revision":3}]}\n',
      '{"id":"h0fa01abb00045042388bbe5edc","text":"Line one\\nline \\"two\\"","meta":{},"annotations":[]}\n',
    ]);
  });

  it('writes nothing for no tasks', () => {
    expect(writeTasksJsonl([])).toEqual([]);
  });
});

describe('re-importing an export', () => {
  it('gives back the same ids, texts and meta', () => {
    const tasks = [
      exportTask({ id: 'a', text: '  spaced\ttext\r\nwith "quotes" 👋', meta: { source: 'web', n: 3, tags: ['x'], nested: { k: null } } }),
      exportTask({ id: '42', text: 'plain', meta: {}, annotations: [exportAnnotation()] }),
    ];
    const text = writeTasksJsonl(tasks).join('');
    const records = parseInPieces('jsonl', 'export.jsonl', text, 5) as RawRecord[];
    const { textField } = chooseTextField(records);
    expect(textField).toBe('text');
    expect(records.map((r) => recordToTask(r, textField!))).toEqual([
      { key: 'a', text: tasks[0]!.text, meta: tasks[0]!.meta, line: 1 },
      { key: '42', text: 'plain', meta: {}, line: 2 },
    ]);
  });
});
