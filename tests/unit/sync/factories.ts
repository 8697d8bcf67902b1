// Typed test data for the sync modules.
import { readFile } from 'node:fs/promises';
import type { Bundle } from '../../../src/lib/sync/bundle';
import { readBundle } from '../../../src/lib/sync/bundle-read';
import type { LabelFileHeaderInput } from '../../../src/lib/sync/label-file-write';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { blobSource, type ByteSource } from '../../../src/lib/sync/zip-reader';

export const MAY_FIRST = Date.UTC(2024, 4, 1, 9, 30);

export function syncAnnotation(overrides: Partial<SyncAnnotation> = {}): SyncAnnotation {
  return {
    projectId: 'proj-1',
    taskId: 't1',
    annotatorId: 'ann-ada',
    annotatorName: 'Ada',
    role: 'label',
    value: ['positive'],
    status: 'labelled',
    createdAt: MAY_FIRST,
    updatedAt: MAY_FIRST + 60_000,
    revision: 1,
    deviceId: 'dev-ada-1',
    ...overrides,
  };
}

/** A vote by `annotatorId` on `taskId`: the short form the agreement and final-label tests need. */
export function vote(taskId: string, annotatorId: string, value: string[], overrides: Partial<SyncAnnotation> = {}): SyncAnnotation {
  return syncAnnotation({ taskId, annotatorId, annotatorName: annotatorId, value, ...overrides });
}

export function fullHeader(overrides: Partial<LabelFileHeaderInput> = {}): LabelFileHeaderInput {
  return {
    projectId: 'proj-1',
    annotator: { id: 'ann-ada', name: 'Ada' },
    deviceId: 'dev-ada-1',
    createdAt: MAY_FIRST + 3_600_000,
    scope: 'full',
    ...overrides,
  } as LabelFileHeaderInput;
}

/** A committed bundle of tests/fixtures/sync, read as the app reads a chosen file. */
export async function readFixtureBundle(name: string): Promise<Bundle> {
  return readBundle(bytesSource(new Uint8Array(await readFile(`tests/fixtures/sync/${name}`))), name);
}

/** Bytes as the bundle reader reads a File: by slices. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]));
}
