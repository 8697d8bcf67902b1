import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../../../src/lib/formats/types';
import { checkProject, createLabelFileReader, readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { fullHeader, MAY_FIRST, syncAnnotation } from './factories';

const ada = (taskId: string, revision: number, overrides = {}) => syncAnnotation({ taskId, revision, ...overrides });

async function refusal(text: string, fileName = 'ada.labels.jsonl'): Promise<string> {
  const error = await readLabelFile(text, fileName).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileFormatError);
  return (error as Error).message;
}

function lines(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

describe('an annotator exports labels and the coordinator reads them back', () => {
  it('reads back exactly what was written, in task order, with the header', async () => {
    const written = [ada('t2', 2, { value: ['negative', 'urgent'] }), ada('t1', 1), ada('t3', 3, { status: 'retracted', value: [] })];
    const text = await writeLabelFile(fullHeader(), written);
    const file = await readLabelFile(text, 'ada.labels.jsonl');
    expect(file.annotations).toEqual([written[1], written[0], written[2]]);
    expect(file.header).toMatchObject({ version: 1, projectId: 'proj-1', annotator: { id: 'ann-ada', name: 'Ada' }, scope: 'full', sinceRevision: null, count: 3 });
    expect(file.header.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(file.header.createdAt).toBe(MAY_FIRST + 3_600_000);
  });

  it('writes the same bytes for the same annotations, in whatever order they come', async () => {
    const a = [ada('t1', 1), ada('t2', 2), ada('t3', 3)];
    expect(await writeLabelFile(fullHeader(), a)).toBe(await writeLabelFile(fullHeader(), [...a].reverse()));
  });

  it('puts only the annotator’s own writes after since_revision in a delta', async () => {
    const all = [ada('t1', 4), ada('t2', 5), ada('t3', 6), syncAnnotation({ taskId: 't4', annotatorId: 'ann-bo', revision: 9 })];
    const text = await writeLabelFile(fullHeader({ scope: 'delta', sinceRevision: 4 }), all);
    const file = await readLabelFile(text, 'ada.delta.labels.jsonl');
    expect(file.header).toMatchObject({ scope: 'delta', sinceRevision: 4, count: 2 });
    expect(file.annotations.map((a) => a.taskId)).toEqual(['t2', 't3']);
  });

  it('still reads a file whose line endings a mail program turned into CRLF', async () => {
    const text = await writeLabelFile(fullHeader(), [ada('t1', 1), ada('t2', 2)]);
    expect((await readLabelFile(text.replaceAll('\n', '\r\n'), 'ada.labels.jsonl')).annotations).toHaveLength(2);
  });

  it('reads an empty full file (nothing labelled yet)', async () => {
    const file = await readLabelFile(await writeLabelFile(fullHeader(), []), 'ada.labels.jsonl');
    expect(file.annotations).toEqual([]);
  });

  it('refuses to write another project’s annotations into the file', async () => {
    await expect(writeLabelFile(fullHeader(), [ada('t1', 1, { projectId: 'proj-2' })])).rejects.toThrow('annotation of project "proj-2"');
  });

  it('reads a file line by line, as the CLI streams it', async () => {
    const text = await writeLabelFile(fullHeader(), [ada('t1', 1), ada('t2', 2)]);
    const reader = createLabelFileReader('ada.labels.jsonl');
    const got = lines(text).map((line) => reader.push(line));
    expect(got.map((a) => a?.taskId ?? null)).toEqual([null, 't1', 't2']);
    expect((await reader.end()).count).toBe(2);
  });
});

describe('a label file that must not be applied is refused whole, with the file, line and reason', () => {
  it('a file that is not a label file', async () => {
    expect(await refusal('{"id":"t1","text":"Great product"}\n', 'tasks.jsonl')).toBe(
      'tasks.jsonl, line 1: is not a fieldlabel label file: its first line should be a header with "type": "fieldlabel.labels", found no "type"',
    );
    expect(await refusal('{"type":"fieldlabel.bundle","version":1}\n')).toContain('found "type": "fieldlabel.bundle"');
    expect(await refusal('id,text\n1,hello\n', 'tasks.csv')).toBe(
      'tasks.csv, line 1: is not a fieldlabel label file: its first line should be a header with "type": "fieldlabel.labels", found text that is not JSON',
    );
    expect(await refusal('')).toBe('ada.labels.jsonl: is empty: a label file starts with a header line');
  });

  it('a file from a newer version of fieldlabel', async () => {
    const text = await writeLabelFile(fullHeader(), [ada('t1', 1)]);
    expect(await refusal(text.replace('"version":1', '"version":3'))).toBe(
      'ada.labels.jsonl: was written by a newer fieldlabel (label file version 3); this one reads up to 1 — update the app',
    );
    expect(await refusal(text.replace('"version":1', '"version":"1"'))).toBe('ada.labels.jsonl, line 1: "version" must be a positive integer, found a string');
  });

  it('a file cut off at a line end, or in the middle of a line', async () => {
    const annotations = Array.from({ length: 1000 }, (_, i) => ada(`t${String(i).padStart(4, '0')}`, i + 1));
    const all = lines(await writeLabelFile(fullHeader(), annotations));
    const cut = `${all.slice(0, 813).join('\n')}\n`;
    expect(await refusal(cut)).toBe('ada.labels.jsonl: ends after 812 of 1,000 annotations — the file was cut off; export it again');
    const midLine = cut + (all[813] as string).slice(0, 40);
    expect(await refusal(midLine)).toBe('ada.labels.jsonl: ends after 812 of 1,000 annotations — the file was cut off; export it again');
  });

  it('a file changed after export', async () => {
    const text = await writeLabelFile(fullHeader(), [ada('t1', 1), ada('t2', 2)]);
    expect(await refusal(text.replace('"positive"', '"negative"'))).toBe('ada.labels.jsonl: was changed after export (checksum mismatch); export it again from the device that made it');
    const extra = `${text}${lines(text)[1]}\n`;
    expect(await refusal(extra)).toBe('ada.labels.jsonl: holds 3 annotations but its header says 2 — it was changed after export; export it again');
  });

  it('a line that is not JSON, or lacks a field, or has a wrong value — naming the line and the field', async () => {
    const [header, first, second] = lines(await writeLabelFile(fullHeader(), [ada('t1', 1), ada('t2', 2)])) as [string, string, string];
    const file = (...body: string[]) => `${[header, ...body].join('\n')}\n`;
    expect(await refusal(file('{"task_id": "t1",', second))).toBe("ada.labels.jsonl, line 2: not valid JSON (Expected double-quoted property name)");
    expect(await refusal(file('[1, 2]', second))).toBe('ada.labels.jsonl, line 2: expected a JSON object, found an array');
    expect(await refusal(file(first.replace('"task_id":"t1",', ''), second))).toBe('ada.labels.jsonl, line 2: missing "task_id" (expected a non-empty string)');
    expect(await refusal(file(first, second.replace('"revision":2', '"revision":-2')))).toBe('ada.labels.jsonl, line 3: "revision" must be a non-negative integer, found a number');
    expect(await refusal(file(first, second.replace('"labelled"', '"done"')))).toBe('ada.labels.jsonl, line 3: "status" must be "labelled", "skipped" or "retracted", found a string');
    expect(await refusal(file(first.replace('"2024-05-01T09:31:00.000Z"', '"yesterday"'), second))).toContain('line 2: "updated_at" must be an ISO 8601 time');
    expect(await refusal(file(first.replace('["positive"]', '"positive"'), second))).toBe('ada.labels.jsonl, line 2: "value" must be an array of strings, found a string');
  });

  it('a header that contradicts itself', async () => {
    const text = await writeLabelFile(fullHeader(), [ada('t1', 1)]);
    expect(await refusal(text.replace('"scope":"full"', '"scope":"delta"'))).toBe(
      'ada.labels.jsonl, line 1: a delta file needs "since_revision" (the revision it continues after), found null',
    );
    expect(await refusal(text.replace('"annotator":{"id":"ann-ada",', '"annotator":{'))).toBe('ada.labels.jsonl, line 1: missing "annotator.id" (expected a non-empty string)');
  });

  it('a delta holding someone else’s annotation, or an old revision', async () => {
    const text = await writeLabelFile(fullHeader({ scope: 'delta', sinceRevision: 4 }), [ada('t1', 5)]);
    expect(await refusal(text.replace('"annotator_id":"ann-ada"', '"annotator_id":"ann-bo"'))).toBe(
      `ada.labels.jsonl, line 2: a delta file holds only annotator "ann-ada"'s writes after revision 4, found annotator "ann-bo"`,
    );
    expect(await refusal(text.replace('"revision":5', '"revision":3'))).toContain('line 2: a delta file holds only annotator "ann-ada"\'s writes after revision 4, found revision 3');
  });

  it('a file of another project, before anything of it is applied', async () => {
    const file = await readLabelFile(await writeLabelFile(fullHeader(), [ada('t1', 1)]), 'ada.labels.jsonl');
    expect(() => checkProject(file, 'proj-1', 'Reviews')).not.toThrow();
    expect(() => checkProject(file, 'proj-9', 'Tickets')).toThrow(
      new FileFormatError('ada.labels.jsonl', null, 'belongs to another project (project id "proj-1"), not to "Tickets"; open that project to import it'),
    );
  });
});

describe('a reviewer\'s delta', () => {
  it('carries their labels and their reviews (written as "<id>#review"), and reads back', async () => {
    const base = { projectId: 'p', annotatorName: 'Ada', value: ['x'], status: 'labelled' as const, createdAt: 1, updatedAt: 1, deviceId: 'd' };
    const label = { ...base, taskId: 't1', annotatorId: 'ada', role: 'label' as const, revision: 5 };
    const review = { ...base, taskId: 't2', annotatorId: 'ada#review', role: 'review' as const, revision: 6 };
    const other = { ...base, taskId: 't3', annotatorId: 'bob', role: 'label' as const, revision: 9 };
    const text = await writeLabelFile(
      { projectId: 'p', annotator: { id: 'ada', name: 'Ada' }, deviceId: 'd', createdAt: 0, scope: 'delta', sinceRevision: 4 },
      [label, review, other],
    );
    const read = await readLabelFile(text, 'ada.labels.jsonl');
    expect(read.annotations.map((a) => [a.annotatorId, a.role, a.taskId])).toEqual([
      ['ada', 'label', 't1'],
      ['ada#review', 'review', 't2'],
    ]);
  });
});
