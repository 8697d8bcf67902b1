import { describe, expect, it } from 'vitest';
import type { AnnotationRow } from '../../../src/lib/db/rows';
import { upgradeBundle } from '../../../src/lib/sync/bundle-schema';
import { upgradeLabelFile } from '../../../src/lib/sync/label-file-schema';
import { annotationFromJson, annotationToJson, fromAnnotationRow, toAnnotationRow } from '../../../src/lib/sync/types';
import { syncAnnotation } from './factories';

describe('one record, three shapes', () => {
  it('a stored annotation leaves the device and comes back as the same row, without the other device’s suggestion', () => {
    const row: AnnotationRow = {
      ...toAnnotationRow(syncAnnotation({ role: 'review' })),
      suggestion: { value: ['positive'], confidence: 0.9, modelVersion: 'm1' },
      suggestionOutcome: 'accepted',
    };
    const sync = fromAnnotationRow(row, 'Ada');
    expect(sync).toEqual(syncAnnotation({ role: 'review' }));
    expect(toAnnotationRow(sync)).toEqual({ ...row, suggestion: null, suggestionOutcome: null });
  });

  it('the wire shape keeps every field, times to the millisecond', () => {
    const a = syncAnnotation({ createdAt: Date.UTC(2024, 0, 2, 3, 4, 5, 678) });
    expect(annotationToJson(a).created_at).toBe('2024-01-02T03:04:05.678Z');
    expect(annotationFromJson(annotationToJson(a), a.projectId)).toEqual(a);
  });
});

describe('upgrade hooks', () => {
  it('leave files of the current version as they are', () => {
    const json = { anything: 1 };
    expect(upgradeLabelFile(1).header(json)).toBe(json);
    expect(upgradeLabelFile(1).annotation(json)).toBe(json);
    expect(upgradeBundle(1)(json)).toBe(json);
  });
});
