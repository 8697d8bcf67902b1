// Files written by version 1 of each format, committed once (tests/fixtures/sync/make-fixtures.ts): every later
// fieldlabel must still read them, through whatever upgrade steps the formats have gained by then.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readFixtureBundle } from './factories';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { mergeAll } from '../../../src/lib/sync/merge';

const DIR = 'tests/fixtures/sync';
const at = (minute: number) => Date.UTC(2024, 4, 1, 9, minute);

describe('version 1 files still read', () => {
  it('a full label file', async () => {
    const file = await readLabelFile(await readFile(`${DIR}/full-v1.labels.jsonl`, 'utf8'), 'full-v1.labels.jsonl');
    expect(file.header).toEqual({
      version: 1,
      projectId: 'proj-reviews',
      annotator: { id: 'ann-ada', name: 'Ada' },
      deviceId: 'dev-ada-tablet',
      createdAt: at(10),
      scope: 'full',
      sinceRevision: null,
      count: 4,
      checksum: 'sha256:e1d4f82e566f7b5b5b9439fe1daef8abd38b48bc4f7a907f86bb0bdc6b3db6ea',
    });
    expect(file.annotations.map((a) => [a.taskId, a.status, a.value, a.revision])).toEqual([
      ['t1', 'labelled', ['positive'], 1],
      ['t2', 'labelled', ['negative'], 2],
      ['t3', 'skipped', [], 3],
      ['t4', 'retracted', [], 5],
    ]);
    expect(file.annotations[3]).toEqual({
      projectId: 'proj-reviews',
      taskId: 't4',
      annotatorId: 'ann-ada',
      annotatorName: 'Ada',
      role: 'label',
      value: [],
      status: 'retracted',
      createdAt: at(4),
      updatedAt: at(5),
      revision: 5,
      deviceId: 'dev-ada-tablet',
    });
  });

  it('a delta label file, which merges over the full one', async () => {
    const full = await readLabelFile(await readFile(`${DIR}/full-v1.labels.jsonl`, 'utf8'), 'full-v1.labels.jsonl');
    const delta = await readLabelFile(await readFile(`${DIR}/delta-v1.labels.jsonl`, 'utf8'), 'delta-v1.labels.jsonl');
    expect(delta.header).toMatchObject({ scope: 'delta', sinceRevision: 5, count: 2, createdAt: at(20) });
    const merged = mergeAll([full.annotations, delta.annotations]);
    expect(merged.map((a) => [a.taskId, a.value, a.revision])).toEqual([
      ['t1', ['positive'], 1],
      ['t2', ['neutral'], 6],
      ['t3', [], 3],
      ['t4', [], 5],
      ['t5', ['positive'], 7],
    ]);
  });

  it('a project bundle from before span projects, which gains their overlap rule: no overlapping', async () => {
    const bundle = await readFixtureBundle('project-v1.fieldlabel.zip');
    expect(bundle.project).toEqual({
      id: 'proj-reviews',
      name: 'Product reviews',
      taskType: 'single',
      labels: [
        { name: 'positive', color: '#009E73', hotkey: '1' },
        { name: 'negative', color: '#D55E00', hotkey: '2', description: 'Complaints, returns, refunds' },
        { name: 'neutral', color: '#0072B2', hotkey: '3' },
      ],
      instructions: 'Label the overall sentiment of the review.',
      strategy: 'sequential',
      allowOverlap: false,
    });
    expect(bundle.createdBy).toEqual({ id: 'ann-coord', name: 'Coordinator' });
    expect(bundle.tasks).toEqual([
      { id: 't1', seq: 0, text: 'Great product, works as described.', meta: { stars: 5 } },
      { id: 't2', seq: 1, text: 'Arrived broken.', meta: { stars: 1 } },
      { id: 't3', seq: 2, text: 'Ça marche, sans plus.', meta: {} },
    ]);
    expect(bundle.labels?.annotations.map((a) => [a.taskId, a.value])).toEqual([['t1', ['positive']]]);
    expect(new TextDecoder().decode(bundle.model['config.json'])).toBe('{"model_type":"test"}\n');
  });

  it('a span project bundle written as version 1, before span projects had a version of their own', async () => {
    const bundle = await readFixtureBundle('spans-v1.fieldlabel.zip');
    expect(bundle.project).toEqual({
      id: 'proj-names',
      name: 'Names and places',
      taskType: 'spans',
      labels: [
        { name: 'PER', color: '#E69F00', hotkey: '1', description: 'People' },
        { name: 'LOC', color: '#56B4E9', hotkey: '2' },
      ],
      instructions: 'Mark every person and place.',
      strategy: 'sequential',
      allowOverlap: true,
    });
    expect(bundle.tasks.map((t) => t.id)).toEqual(['n1', 'n2']);
    expect(bundle.labels?.annotations.map((a) => [a.taskId, a.value])).toEqual([['n1', ['0:12:PER', '4:12:PER', '25:31:LOC']]]);
  });
});
