// A bundle written by version 3 (tests/fixtures/sync/make-fixtures-v3.ts), committed once: every later fieldlabel
// must still read it, through whatever upgrade steps bundles gain by then.
import { describe, expect, it } from 'vitest';
import { decodeJudgement } from '../../../src/lib/domain/compare';
import { readFixtureBundle } from './factories';

describe('version 3 files still read', () => {
  it('a compare project with its rubric, conversations, responses and judgements', async () => {
    const bundle = await readFixtureBundle('project-v3.fieldlabel.zip');
    expect(bundle.project).toMatchObject({ id: 'proj-answers', taskType: 'compare', labels: [] });
    expect(bundle.project.rubric).toEqual({
      preference: true,
      ratings: [{ name: 'Helpful', scale: 3, descriptions: ['no help', 'some help', 'solves it'], required: false }],
      correction: true,
      rationale: false,
      hiddenSuggestionShare: 0.1,
    });
    expect(bundle.tasks.map((t) => [t.id, t.compare?.messages.map((m) => m.role), t.compare?.responses.map((r) => r.id)])).toEqual([
      ['q1', ['user'], ['a', 'b']],
      ['q2', ['system', 'user'], ['a', 'b', 'c']],
    ]);
    expect(bundle.tasks[0]?.compare?.responses[0]).toEqual({ id: 'a', text: 'Click **Forgot password**.', model: 'small' });
    expect(bundle.labels?.annotations.map((a) => decodeJudgement(a.value[0] as string))).toEqual([
      { shown: ['b', 'a'], preference: { kind: 'better', id: 'a' }, ratings: { Helpful: 3 }, correction: null, rationale: '' },
      { shown: ['c', 'a', 'b'], preference: { kind: 'ranking', ids: ['a', 'c', 'b'] }, ratings: {}, correction: { id: 'a', text: 'Yes, by card.' }, rationale: '' },
    ]);
  });
});
