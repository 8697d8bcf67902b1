// Compare projects travel in bundles: the rubric, each task's conversation and responses, and judgements as labels.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeBundle, type BundleInput } from '../../../src/lib/sync/bundle';
import { readBundle } from '../../../src/lib/sync/bundle-read';
import { editManifest, editTasks, refusal } from './bundle-edits';
import { better, compareContent, judged, judgement, RUBRIC } from './compare-factories';
import { bytesSource, MAY_FIRST } from './factories';

function compareBundle(overrides: Partial<BundleInput> = {}): BundleInput {
  return {
    project: { id: 'proj-1', name: 'Chat answers', taskType: 'compare', labels: [], instructions: 'Which answer is better?', strategy: 'sequential', allowOverlap: false, rubric: RUBRIC },
    createdBy: { id: 'ann-coord', name: 'Coordinator' },
    deviceId: 'dev-coord',
    createdAt: MAY_FIRST,
    tasks: [
      { id: 'c1', seq: 0, text: 'What is the capital of France?', meta: {}, compare: compareContent() },
      { id: 'c2', seq: 1, text: 'Name a river.', meta: { batch: 2 }, compare: compareContent(['x', 'y', 'z', 'w']) },
    ],
    ...overrides,
  };
}

const taskLine = (compare: unknown) => ({ id: 'c1', seq: 0, text: 'Prompt', meta: {}, compare });
const twoResponses = { messages: [{ role: 'user', content: 'Hi' }], responses: [{ id: 'a', text: 'Hello' }, { id: 'b', text: 'Hey' }] };

describe('a compare project in a bundle', () => {
  it('reads back its rubric, every task\'s conversation and responses, and the judgements', async () => {
    const input = compareBundle({ annotations: [judged('c1', 'ann-ada', judgement(['r2', 'r1'], better('r1'), { ratings: { Helpful: 4 }, correction: { id: 'r1', text: 'Paris.' } }), { projectId: 'proj-1' })] });
    const bundle = await readBundle(bytesSource(await writeBundle(input)), 'chat.fieldlabel.zip');
    expect(bundle.project).toEqual(input.project);
    expect(bundle.tasks).toEqual(input.tasks);
    expect(bundle.labels?.annotations).toEqual(input.annotations);
  });

  it('is written as version 3 with the rubric in snake_case, so an app that reads up to version 2 says it needs updating', async () => {
    const manifest = JSON.parse(strFromU8(unzipSync(await writeBundle(compareBundle()))['manifest.json'] as Uint8Array));
    expect(manifest.version).toBe(3);
    expect(manifest.project.rubric).toEqual({ ...RUBRIC, hiddenSuggestionShare: undefined, hidden_suggestion_share: 0.1 });
  });

  it('refuses a compare project without a rubric, or with a rubric it could not ask, naming the field and its line', async () => {
    const bytes = await writeBundle(compareBundle());
    expect(await refusal(editManifest(bytes, (m) => delete m.project.rubric))).toMatch(/manifest\.json, line \d+: missing "project\.rubric" \(expected a JSON object\)$/);
    expect(await refusal(editManifest(bytes, (m) => (m.project.rubric.ratings[1].scale = 40)))).toMatch(/: "project\.rubric\.ratings\[1\]\.scale" must be a whole number from 2 to 10, found a number$/);
    expect(await refusal(editManifest(bytes, (m) => (m.project.rubric.ratings[1].descriptions = ['x'])))).toMatch(/: "project\.rubric\.ratings\[1\]\.descriptions" must describe each value 1 to 3, one string each; found 1$/);
    expect(await refusal(editManifest(bytes, (m) => (m.project.rubric.ratings[1].name = 'Helpful')))).toMatch(/: "project\.rubric\.ratings\[1\]\.name" is "Helpful" again: rating items need different names$/);
    expect(await refusal(editManifest(bytes, (m) => (m.project.rubric.hidden_suggestion_share = 2)))).toMatch(/: "project\.rubric\.hidden_suggestion_share" must be a number from 0 to 1, found a number$/);
    expect(await refusal(editManifest(bytes, (m) => (m.project.rubric.correction = 'yes')))).toMatch(/: "project\.rubric\.correction" must be true or false, found a string$/);
  });

  it('refuses a task without responses, with one or five, of an unknown role, or with a text too long to show, naming the line and field', async () => {
    const bytes = await writeBundle(compareBundle());
    const refused = async (compare: unknown) => refusal(await editTasks(bytes, [taskLine(twoResponses), { ...taskLine(compare), id: 'c2', seq: 1 }]));
    expect(await refusal(await editTasks(bytes, [{ id: 'c1', seq: 0, text: 'Prompt', meta: {} }]))).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 1: missing "compare" (expected a JSON object)',
    );
    expect(await refused({ ...twoResponses, responses: [{ id: 'a', text: 'only one' }] })).toBe('reviews.fieldlabel.zip: tasks.jsonl, line 2: "compare.responses" must hold 2 to 4 items, found 1');
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id }));
    expect(await refused({ ...twoResponses, responses: five })).toBe('reviews.fieldlabel.zip: tasks.jsonl, line 2: "compare.responses" must hold 2 to 4 items, found 5');
    expect(await refused({ ...twoResponses, messages: [{ role: 'hacker', content: 'x' }] })).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 2: "compare.messages[0].role" must be "system", "user", "assistant" or "tool", found a string',
    );
    expect(await refused({ ...twoResponses, responses: [{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }] })).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 2: "compare.responses[1].id" is "a" again: response ids must be unique within a task',
    );
    expect(await refused({ ...twoResponses, responses: [{ id: 'a', text: 'x' }, { id: 'b', text: 7 }] })).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 2: "compare.responses[1].text" must be a string, found a number',
    );
    expect(await refused({ ...twoResponses, responses: [{ id: 'a', text: 'x'.repeat(200_001) }, { id: 'b', text: 'y' }] })).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 2: "compare.responses[0].text" is 200,001 characters long, more than 200,000',
    );
    expect(await refused({ responses: twoResponses.responses })).toBe('reviews.fieldlabel.zip: tasks.jsonl, line 2: missing "compare.messages" (expected an array)');
  });

  it('does not read responses into a project of another type', async () => {
    const classification = compareBundle({ project: { ...compareBundle().project, taskType: 'single', labels: [{ name: 'ok', color: '#009E73', hotkey: '1' }] } });
    const bundle = await readBundle(bytesSource(await writeBundle(classification)), 'x.fieldlabel.zip');
    expect(bundle.project.rubric).toBeUndefined();
    expect(bundle.tasks.every((t) => t.compare === undefined)).toBe(true);
  });
});
