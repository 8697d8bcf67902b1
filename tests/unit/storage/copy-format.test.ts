import { describe, expect, it } from 'vitest';
import type { AnnotationRow } from '../../../src/lib/db/rows';
import { foldJournals, journalLines, lastRevision, readDeviceRecord, readJournal, writeDeviceRecord } from '../../../src/lib/storage/copy-format';

const row = (revision: number, taskId = `t${revision}`): AnnotationRow => ({
  projectId: 'p1',
  taskId,
  annotatorId: 'amina',
  role: 'label',
  value: ['Yes'],
  status: 'labelled',
  createdAt: 1_000,
  updatedAt: 2_000 + revision,
  revision,
  deviceId: 'tablet',
  suggestion: { value: ['Yes'], confidence: 0.9, modelVersion: 'm' },
  suggestionOutcome: 'accepted',
});

describe('the second copy on disk', () => {
  it('holds each stored label as one line that reads back as the label file would carry it, its suggestion included', () => {
    const text = journalLines([row(1), row(2)]);
    expect(text.split('\n')).toHaveLength(3);
    expect(readJournal(text, () => 'Amina')).toEqual([
      { projectId: 'p1', taskId: 't1', annotatorId: 'amina', annotatorName: 'Amina', role: 'label', value: ['Yes'], status: 'labelled', createdAt: 1_000, updatedAt: 2_001, revision: 1, deviceId: 'tablet', suggestion: { value: ['Yes'], confidence: 0.9, modelVersion: 'm' } },
      { projectId: 'p1', taskId: 't2', annotatorId: 'amina', annotatorName: 'Amina', role: 'label', value: ['Yes'], status: 'labelled', createdAt: 1_000, updatedAt: 2_002, revision: 2, deviceId: 'tablet', suggestion: { value: ['Yes'], confidence: 0.9, modelVersion: 'm' } },
    ]);
  });

  it('passes over a line cut off by a crash mid-append, and finds the last revision from the tail alone', () => {
    const whole = journalLines([row(1), row(2), row(3)]);
    const torn = whole.slice(0, whole.length - 20);
    expect(readJournal(torn, () => '').map((a) => a.revision)).toEqual([1, 2]);
    expect(lastRevision(torn)).toBe(2);
    // A tail read from the middle of the file starts inside a line.
    expect(lastRevision(whole.slice(30))).toBe(3);
    expect(lastRevision('')).toBe(0);
  });

  it('passes over a line that is JSON but no journal line, wherever it is read', () => {
    const stray = `${JSON.stringify({ project_id: 'p1', revision: 9 })}\n`;
    const text = journalLines([row(1)]) + stray;
    expect(readJournal(text, () => '').map((a) => a.revision)).toEqual([1]);
    expect(lastRevision(text)).toBe(1);
    expect(foldJournals([text])).toBe(journalLines([row(1)]));
  });

  it('keeps who labels here and which projects exist, and reads nothing from a record cut off', () => {
    const record = {
      annotator: { id: 'amina', name: 'Amina', deviceId: 'tablet' },
      projects: [{ id: 'p1', name: 'Field reports', taskType: 'single' as const, labels: [{ name: 'Yes', color: '#E69F00', hotkey: '1' }], instructions: '', strategy: 'sequential' as const, allowOverlap: false }],
      writtenAt: 5,
    };
    const text = writeDeviceRecord(record);
    expect(readDeviceRecord(text)).toEqual(record);
    expect(readDeviceRecord(text.slice(0, -10))).toBeNull();
    expect(readDeviceRecord(null)).toBeNull();
    expect(readDeviceRecord('{"type":"something else"}')).toBeNull();
  });
});

describe('folding journals', () => {
  it('keeps the newest line of each label, in revision order, and reads back the same labels', () => {
    const first = journalLines([row(1, 't1'), row(2, 't2')]);
    const second = journalLines([row(3, 't1'), row(4, 't3')]);
    const folded = foldJournals([second, first, 'not json\n']);
    expect(readJournal(folded, () => '').map((a) => [a.taskId, a.revision])).toEqual([
      ['t2', 2],
      ['t1', 3],
      ['t3', 4],
    ]);
    expect(lastRevision(folded)).toBe(4);
    expect(foldJournals([folded])).toBe(folded);
  });
});
