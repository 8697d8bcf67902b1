// Typed test data for the export writers.

import type { ExportAnnotation, ExportTask } from '../../../src/lib/formats/types';

const MAY_FIRST = Date.UTC(2024, 4, 1, 9, 30);

export function exportAnnotation(overrides: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    annotatorId: 'ann-1',
    annotatorName: 'Ada',
    value: ['positive'],
    status: 'labelled',
    createdAt: MAY_FIRST,
    updatedAt: MAY_FIRST + 60_000,
    revision: 1,
    ...overrides,
  };
}

export function exportTask(overrides: Partial<ExportTask> = {}): ExportTask {
  return { id: 't1', text: 'Great product', meta: {}, annotations: [], ...overrides };
}
