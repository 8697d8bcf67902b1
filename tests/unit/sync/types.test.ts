import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotationRow } from '../../../src/lib/db/rows';
import { BUNDLE_VERSION, upgradeBundle } from '../../../src/lib/sync/bundle-schema';
import { upgradeLabelFile } from '../../../src/lib/sync/label-file-schema';
import { fromAnnotationRow, toAnnotationRow } from '../../../src/lib/db/sync-rows';
import { annotationFromJson, annotationToJson, isoTime } from '../../../src/lib/sync/types';
import { syncAnnotation } from './factories';

describe('one record, three shapes', () => {
  it('a stored annotation leaves the device with its suggestion (hidden or not) and comes back as the same row, its outcome left to be read off', () => {
    const suggestion = { value: ['positive'], confidence: 0.9, modelVersion: 'm1', hidden: true as const };
    const row: AnnotationRow = { ...toAnnotationRow(syncAnnotation({ role: 'review' })), suggestion, suggestionOutcome: null };
    const sync = fromAnnotationRow(row, 'Ada');
    expect(sync).toEqual(syncAnnotation({ role: 'review', suggestion }));
    expect(toAnnotationRow(sync)).toEqual(row);
    // Without a suggestion, none is written: such a line is what it was before suggestions travelled.
    expect(fromAnnotationRow({ ...row, suggestion: null }, 'Ada')).toEqual(syncAnnotation({ role: 'review' }));
  });

  it('the wire shape keeps every field, times to the millisecond', () => {
    const a = syncAnnotation({ createdAt: Date.UTC(2024, 0, 2, 3, 4, 5, 678) });
    expect(annotationToJson(a).created_at).toBe('2024-01-02T03:04:05.678Z');
    expect(annotationFromJson(annotationToJson(a), a.projectId)).toEqual(a);
    const suggested = syncAnnotation({ suggestion: { value: ['positive'], confidence: 0.5, modelVersion: 'm2', hidden: true } });
    expect(annotationToJson(suggested).suggestion).toEqual({ value: ['positive'], confidence: 0.5, model_version: 'm2', hidden: true });
    expect(annotationFromJson(annotationToJson(suggested), a.projectId)).toEqual(suggested);
    expect(Object.keys(annotationToJson(a))).not.toContain('suggestion');
  });
});

describe('times on the wire', () => {
  it('are the characters toISOString writes, for any time, day after day and at the edges of the fast path', () => {
    const edges = [0, 1, 86_399_999, 86_400_000, -1, -86_400_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15, 1.5, Date.UTC(2026, 2, 3, 12, 14, 28, 709)];
    for (const ms of edges) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    fc.assert(fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => isoTime(ms) === new Date(ms).toISOString()));
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 8) }), (ms) => isoTime(ms) === new Date(ms).toISOString()));
  });

  it('refuse an invalid time as toISOString does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('upgrade hooks', () => {
  it('leave files of the current version as they are', () => {
    const json = { anything: 1 };
    expect(upgradeLabelFile(1).header(json)).toBe(json);
    expect(upgradeLabelFile(1).annotation(json)).toBe(json);
    expect(upgradeBundle(BUNDLE_VERSION)(json)).toBe(json);
  });

  describe('bundle version 1 to 2', () => {
    const v1Project = { id: 'p', name: 'P', task_type: 'single', labels: [], instructions: '', strategy: 'sequential' };
    const v1Manifest = () => ({ type: 'fieldlabel.bundle', version: 1, project: { ...v1Project }, created_at: '2024-05-01T09:00:00.000Z', files: {} });

    it('says that the spans of a project from before span projects may not overlap, and changes nothing else', () => {
      const manifest = v1Manifest();
      expect(upgradeBundle(1)(manifest)).toEqual({ ...v1Manifest(), project: { ...v1Project, allow_overlap: false } });
      expect(manifest).toEqual(v1Manifest());
    });

    it('keeps the overlap rule of a span project written as version 1 before the bump', () => {
      const manifest = { ...v1Manifest(), project: { ...v1Project, task_type: 'spans', allow_overlap: true } };
      expect(upgradeBundle(1)(manifest)).toEqual(manifest);
    });

    it('leaves a project that is no object to the field checks', () => {
      const manifest = { ...v1Manifest(), project: 'p' };
      expect(upgradeBundle(1)(manifest)).toEqual(manifest);
    });
  });
});
