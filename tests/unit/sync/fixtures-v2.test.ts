// A bundle written by version 2 (tests/fixtures/sync/make-fixtures-v2.ts), committed once: every later fieldlabel
// must still read it, through whatever upgrade steps bundles gain by then.
import { describe, expect, it } from 'vitest';
import { readFixtureBundle } from './factories';

describe('version 2 files still read', () => {
  it('a span project bundle whose spans may not overlap', async () => {
    const bundle = await readFixtureBundle('project-v2.fieldlabel.zip');
    expect(bundle.project).toEqual({
      id: 'proj-places',
      name: 'Places in letters',
      taskType: 'spans',
      labels: [
        { name: 'LOC', color: '#56B4E9', hotkey: '1', description: 'Towns, rivers, mountains' },
        { name: 'ORG', color: '#009E73', hotkey: '2' },
      ],
      instructions: 'Mark places and organisations; spans do not overlap.',
      strategy: 'least-confidence',
      allowOverlap: false,
    });
    expect(bundle.createdBy).toEqual({ id: 'ann-coord', name: 'Coordinator' });
    expect(bundle.createdAt).toBe(Date.UTC(2026, 11, 7, 9, 0));
    expect(bundle.tasks).toEqual([
      { id: 'l1', seq: 0, text: 'We crossed the Rhine at Basel.', meta: { letter: 12 } },
      { id: 'l2', seq: 1, text: 'The Red Cross met us.', meta: {} },
    ]);
    expect(bundle.labels?.header).toMatchObject({ version: 1, projectId: 'proj-places', scope: 'full', count: 2 });
    expect(bundle.labels?.annotations.map((a) => [a.taskId, a.annotatorId, a.value, a.revision])).toEqual([
      ['l1', 'ann-bo', ['15:20:LOC', '24:29:LOC'], 1],
      ['l2', 'ann-bo', ['4:13:ORG'], 2],
    ]);
    expect(bundle.model).toEqual({});
  });
});
