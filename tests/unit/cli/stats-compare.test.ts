// `fieldlabel stats` and `final` on a compare project's label files: preferences by response id, ratings at three
// levels, and who always picks the response shown first.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalCommand } from '../../../src/cli/commands/final';
import { statsCommand } from '../../../src/cli/commands/stats';
import { encodeJudgement, type Judgement } from '../../../src/lib/domain/compare';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { better, judgement } from '../sync/compare-factories';
import { cli } from './run-command';

let dir: string;
let ada: string;
let bo: string;
const at = Date.UTC(2024, 5, 1, 9, 0);

/** `suggested(i)`: the response the model suggested on task i, and whether it was hidden from the annotator. */
async function judgementFile(name: string, id: string, judgements: Judgement[], suggested?: (i: number) => { id: string; hidden: boolean }): Promise<string> {
  const annotations = judgements.map((j, i) => ({
    projectId: 'proj-chat', taskId: `q${i}`, annotatorId: id, annotatorName: name, role: 'label' as const,
    value: [encodeJudgement(j)], status: 'labelled' as const, createdAt: at, updatedAt: at + i, revision: i + 1, deviceId: `dev-${id}`,
    ...(suggested === undefined ? {} : { suggestion: suggestionOf(j.shown, suggested(i)) }),
  }));
  const path = join(dir, `${id}${suggested ? '-suggested' : ''}.labels.jsonl`);
  await writeFile(path, await writeLabelFile({ projectId: 'proj-chat', annotator: { id, name }, deviceId: `dev-${id}`, createdAt: at + 60_000, scope: 'full' }, annotations));
  return path;
}

function suggestionOf(shown: string[], { id, hidden }: { id: string; hidden: boolean }) {
  return { value: [encodeJudgement(judgement(shown, better(id)))], confidence: 0.8, modelVersion: 'bt-1', ...(hidden ? { hidden: true as const } : {}) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldlabel-compare-'));
  // Ten tasks. Ada always picks what she saw first; Bo saw the other order and chose the same responses on the even
  // tasks (so they agree there by id, never by position), the other ones on the odd tasks.
  const adaSaw = (i: number) => (i % 2 === 0 ? ['r1', 'r2'] : ['r2', 'r1']);
  ada = await judgementFile('Ada', 'ann-ada', Array.from({ length: 10 }, (_, i) => judgement(adaSaw(i), better(adaSaw(i)[0] as string), { ratings: { Helpful: 4 } })));
  bo = await judgementFile(
    'Bo',
    'ann-bo',
    Array.from({ length: 10 }, (_, i) => {
      const shown = [...adaSaw(i)].reverse();
      return judgement(shown, better(i % 2 === 0 ? (shown[1] as string) : (shown[0] as string)), { ratings: { Helpful: i % 2 === 0 ? 4 : 2 } });
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fieldlabel stats on compare label files', () => {
  it('recognises judgements, keys preferences by response id and reports each annotator\'s position bias', async () => {
    const { code, stdout, stderr } = await cli(statsCommand, [ada, bo]);
    expect(code).toBe(0);
    const { agreement } = JSON.parse(stdout);
    expect(agreement).toMatchObject({ task_type: 'compare', tasks: 10, pairable_tasks: 10, annotators: 2 });
    expect(agreement.preference.percent_agreement).toBeCloseTo(0.5, 12);
    expect(agreement.position_bias).toEqual([
      { annotator_id: 'ann-ada', annotator_name: 'Ada', choices: 10, first: 10, first_share: 1, chance_share: 0.5, p_value: expect.closeTo(2 / 1024, 14), by_responses: [{ responses: 2, choices: 10, first: 10 }] },
      { annotator_id: 'ann-bo', annotator_name: 'Bo', choices: 10, first: 5, first_share: 0.5, chance_share: 0.5, p_value: 1, by_responses: [{ responses: 2, choices: 10, first: 5 }] },
    ]);
    expect(Object.keys(agreement.ratings)).toEqual(['Helpful']);
    expect(stderr).toContain('Agreement (compare responses; 10 tasks judged, 10 by two or more of 2 annotators)');
    expect(stderr).toMatch(/ann-ada +Ada +10 +10 +1\.000 +0\.500 +2 shown: 10\/10 +0\.00195 +position bias\n/);
    expect(stderr).toMatch(/ann-bo +Bo +10 +5 +0\.500 +0\.500 +2 shown: 5\/10 +1\.00\n/);
    expect(stderr).toMatch(/Helpful +10 +0\.500 +/);
  });

  it('counts every annotator\'s decisions made with a shown or a hidden suggestion, from the suggestions their files carry', async () => {
    // The model always suggests r1; it is hidden on tasks 0–3. Ada picks r1 wherever she sees it suggested, and r2
    // where it is hidden; Bo picks r1 on even tasks whatever he sees.
    const pick = (winner: string) => judgement(['r1', 'r2'], better(winner));
    const suggested = (i: number) => ({ id: 'r1', hidden: i < 4 });
    const swayed = await judgementFile('Ada', 'ann-ada', Array.from({ length: 10 }, (_, i) => pick(i < 4 ? 'r2' : 'r1')), suggested);
    const steady = await judgementFile('Bo', 'ann-bo', Array.from({ length: 10 }, (_, i) => pick(i % 2 === 0 ? 'r1' : 'r2')), suggested);
    const { code, stdout, stderr } = await cli(statsCommand, [swayed, steady]);
    expect(code).toBe(0);
    const { anchoring } = JSON.parse(stdout).agreement;
    expect(anchoring.annotators).toEqual([
      { annotator_id: 'ann-ada', annotator_name: 'Ada', shown: { decisions: 6, agreed: 6, rate: 1 }, hidden: { decisions: 4, agreed: 0, rate: 0 }, difference: 1 },
      { annotator_id: 'ann-bo', annotator_name: 'Bo', shown: { decisions: 6, agreed: 3, rate: 0.5 }, hidden: { decisions: 4, agreed: 2, rate: 0.5 }, difference: 0 },
    ]);
    expect(anchoring.all).toEqual({ shown: { decisions: 12, agreed: 9, rate: 0.75 }, hidden: { decisions: 8, agreed: 2, rate: 0.25 }, difference: 0.5 });
    expect(stderr).toContain("Anchoring (agreement with the model's suggestion where it was shown and where it was hidden)");
    expect(stderr).toMatch(/ann-ada +Ada +6 +1\.000 +4 +0\.000 +1\.000\n/);
  });

  it('final decides each task by the preference keyed by response id', async () => {
    const out = join(dir, 'final.jsonl');
    expect((await cli(finalCommand, [ada, bo], '-o', out)).code).toBe(0);
    const [header, even, odd] = (await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(header.agreement.task_type).toBe('compare');
    expect(even).toMatchObject({ task_id: 'q0', source: 'majority', votes: { 'better:r1': 2 } });
    expect(odd).toMatchObject({ task_id: 'q1', source: 'tie', tied: ['better:r1', 'better:r2'] });
  });
});
