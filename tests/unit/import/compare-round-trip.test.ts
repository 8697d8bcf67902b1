// A coordinator exports a compare project as our own compare JSONL and imports it into another device's project:
// every judgement, the order it was shown in, its ratings, correction, suggestion and times come back unchanged.
import { describe, expect, it } from 'vitest';
import type { Judgement, Rubric } from '../../../src/lib/domain/compare';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { exportComparePages } from '../../../src/lib/db/compare-export';
import type { CompareDoc } from '../../../src/lib/formats/compare/compare-doc';
import { writeCompareFile } from '../../../src/lib/formats/compare/registry';
import { runCompareImport } from '../../../src/lib/import/run-compare-import';
import { freshDb, makeProject } from '../support/factories';

const rubric: Rubric = {
  preference: true,
  ratings: [{ name: 'Helpful', scale: 5, descriptions: ['1', '2', '3', '4', '5'], required: false }],
  correction: true,
  rationale: true,
  hiddenSuggestionShare: 0.1,
};

const better = (shown: string[], id: string, extra: Partial<Judgement> = {}): Judgement => ({ shown, preference: { kind: 'better', id }, ratings: {}, correction: null, rationale: '', ...extra });

const docs: CompareDoc[] = [
  {
    id: 'q1',
    line: null,
    content: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Capital of France?' }], responses: [{ id: 'a', text: 'Paris.', model: 'm1' }, { id: 'b', text: 'Lyon.' }] },
    meta: { source: 'quiz' },
    judgements: [
      {
        annotator: 'ann',
        status: 'labelled',
        judgement: better(['b', 'a'], 'a', { ratings: { Helpful: 4 }, correction: { id: 'a', text: 'Paris, on the Seine.' }, rationale: 'the capital' }),
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_005_000,
        suggestion: { judgement: better(['a', 'b'], 'b'), confidence: 0.55, modelVersion: 'bt-7' },
        suggestionOutcome: 'changed',
      },
      { annotator: 'bob', status: 'labelled', judgement: { shown: ['a', 'b'], preference: { kind: 'tie' }, ratings: {}, correction: null, rationale: '' }, createdAt: 1_700_000_100_000, updatedAt: 1_700_000_100_000, suggestion: null, suggestionOutcome: null },
    ],
    verdict: { judgement: better(['a', 'b'], 'a'), score: 0.9, source: 'judge-1' },
  },
  {
    id: 'q2',
    line: null,
    content: { messages: [{ role: 'user', content: 'Say hi.' }], responses: [{ id: 'x', text: 'Hi!' }, { id: 'y', text: 'Hello.' }, { id: 'z', text: 'No.' }] },
    meta: {},
    judgements: [{ annotator: 'cy', status: 'skipped', judgement: null, createdAt: 1_700_000_200_000, updatedAt: 1_700_000_200_000, suggestion: null, suggestionOutcome: null }],
    verdict: null,
  },
];

describe('our own compare JSONL through a project', () => {
  it('exports what it imported, byte for byte', async () => {
    const written = writeCompareFile('compare-jsonl', docs, rubric).output;
    const db = freshDb('relaxed');
    const project = await makeProject(db, { name: 'Answers', taskType: 'compare', labels: 'Preferred' });
    await db.projects.update(project.id, { rubric });
    await runCompareImport({ db, projectId: project.id, file: new Blob([written]), fileName: 'answers.compare.jsonl', format: 'compare-jsonl' });
    const exported: CompareDoc[] = [];
    for await (const page of exportComparePages(db, project.id, await getOrCreateLocalAnnotator(db))) exported.push(...page);
    expect(exported).toEqual(docs);
    expect(writeCompareFile('compare-jsonl', exported, rubric).output).toBe(written);
  });

  it('leaves out undone judgements and review decisions, and names this device’s annotator', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db, { name: 'Answers', taskType: 'compare', labels: 'Preferred' });
    await db.projects.update(project.id, { rubric });
    const file = writeCompareFile('compare-jsonl', [{ ...docs[0]!, judgements: [] }], rubric).output;
    await runCompareImport({ db, projectId: project.id, file: new Blob([file]), fileName: 'a.compare.jsonl', format: 'compare-jsonl' });
    const me = await getOrCreateLocalAnnotator(db);
    const row = { projectId: project.id, taskId: 'q1', createdAt: 5, updatedAt: 6, revision: 1, deviceId: 'd', suggestion: null, suggestionOutcome: null };
    const mine = JSON.stringify(better(['a', 'b'], 'b'));
    await db.annotations.bulkPut([
      { ...row, annotatorId: me.id, role: 'label', value: [mine], status: 'labelled' },
      { ...row, annotatorId: 'someone', role: 'label', value: [], status: 'retracted' },
      { ...row, annotatorId: 'reviewer', role: 'review', value: [mine], status: 'labelled' },
    ]);
    const exported: CompareDoc[] = [];
    for await (const page of exportComparePages(db, project.id, me)) exported.push(...page);
    expect(exported[0]?.judgements.map((j) => [j.annotator, j.judgement?.preference])).toEqual([[me.name, { kind: 'better', id: 'b' }]]);
  });
});
