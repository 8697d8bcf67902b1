// A coordinator brings files of compared responses into a "Compare responses" project: the tasks, whose judgements
// they carry, the judge's verdicts as suggestions — and a file that belongs in another kind of project is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeJudgement, type Rubric } from '../../../src/lib/domain/compare';
import { importedAnnotatorId } from '../../../src/lib/db/file-import-store';
import type { TaskType } from '../../../src/lib/db/rows';
import type { CompareReadFormat } from '../../../src/lib/formats/compare/format-names';
import { writeCompareFile } from '../../../src/lib/formats/compare/registry';
import { runCompareImport } from '../../../src/lib/import/run-compare-import';
import { inspectFile, runImport } from '../../../src/lib/import/run-import';
import { runLabelledImport } from '../../../src/lib/import/run-labelled-import';
import { freshDb, makeProject } from '../support/factories';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/compare/${name}`, import.meta.url), 'utf8');

const rubric: Rubric = {
  preference: true,
  ratings: [{ name: 'Helpful', scale: 3, descriptions: ['no', 'somewhat', 'yes'], required: false }],
  correction: true,
  rationale: false,
  hiddenSuggestionShare: 0.1,
};

async function project(taskType: TaskType = 'compare') {
  const db = freshDb('relaxed');
  const row = await makeProject(db, { name: 'Answers', taskType, labels: 'Preferred' });
  await db.projects.update(row.id, { rubric });
  return { db, projectId: row.id };
}

async function importCompare(name: string, format: CompareReadFormat, text = fixture(name)) {
  const { db, projectId } = await project();
  const row = await runCompareImport({ db, projectId, file: new Blob([text]), fileName: name, format });
  const tasks = (await db.tasks.toArray()).sort((a, b) => a.seq - b.seq);
  return { db, projectId, row, tasks, annotations: await db.annotations.toArray(), prelabels: await db.prelabels.toArray() };
}

describe('a JSONL of chats with responses and a model judge', () => {
  it('becomes compare tasks whose text is the prompt, with the judge’s verdict as a suggestion and no label', async () => {
    const { row, tasks, annotations, prelabels } = await importCompare('chats.jsonl', 'responses');
    expect(row).toMatchObject({ status: 'done', added: 2, format: 'responses', message: '0 judgements by 0 annotators and 1 model verdict (as suggestions) taken over.' });
    expect(tasks.map((task) => [task.id, task.seq, task.text, task.meta])).toEqual([
      ['c1', 0, 'system: You answer briefly.\n\nuser: How do I reverse a list in Python?', { topic: 'code' }],
      ['c2', 1, 'Name a prime number.', {}],
    ]);
    expect(tasks[0]?.compare?.responses.map((r) => r.id)).toEqual(['gpt', 'llama']);
    expect(annotations).toEqual([]);
    expect(prelabels).toHaveLength(1);
    expect(prelabels[0]).toMatchObject({ taskId: 'c1', score: 0.82, source: 'judge-1' });
    expect(decodeJudgement(prelabels[0]!.value[0]!)).toMatchObject({ preference: { kind: 'better', id: 'gpt' } });
  });
});

describe('a TRL preference file', () => {
  it('comes in judged by an annotator named after the file, one judgement per pair', async () => {
    const { row, tasks, annotations, db } = await importCompare('ultra.trl.jsonl', 'trl');
    expect(row.added).toBe(4);
    expect(annotations).toHaveLength(4);
    for (const annotation of annotations) {
      expect(annotation).toMatchObject({ annotatorId: importedAnnotatorId('ultra.trl'), status: 'labelled', role: 'label', revision: 1 });
      const judgement = decodeJudgement(annotation.value[0]!);
      if (typeof judgement === 'string') throw new Error(judgement);
      const task = tasks.find((t) => t.id === annotation.taskId)!;
      const chosen = task.compare!.responses.find((r) => r.id === (judgement.preference as { id: string }).id)!;
      expect(['  blue.', ' green.', ' white.', ' black.'].map((s) => s.trim())).toContain(chosen.text.trim());
    }
    expect(await db.annotators.toArray()).toEqual([expect.objectContaining({ id: importedAnnotatorId('ultra.trl'), name: 'ultra.trl' })]);
  });

  it('adds nothing when imported a second time', async () => {
    const { db, projectId } = await project();
    const file = new Blob([fixture('ultra.trl.jsonl')]);
    await runCompareImport({ db, projectId, file, fileName: 'ultra.trl.jsonl', format: 'trl' });
    const again = await runCompareImport({ db, projectId, file, fileName: 'ultra.trl.jsonl', format: 'trl' });
    expect(again).toMatchObject({ added: 0, duplicates: 4 });
    expect(await db.tasks.count()).toBe(4);
  });
});

describe('our own compare file', () => {
  it('brings every annotator’s judgement back with its times and suggestion', async () => {
    const judgement = { shown: ['b', 'a'], preference: { kind: 'better' as const, id: 'a' }, ratings: { Helpful: 3 }, correction: { id: 'a', text: 'Paris!' }, rationale: '' };
    const { output } = writeCompareFile(
      'compare-jsonl',
      [
        {
          id: 't1',
          line: null,
          content: { messages: [{ role: 'user', content: 'Capital?' }], responses: [{ id: 'a', text: 'Paris' }, { id: 'b', text: 'Lyon' }] },
          meta: {},
          judgements: [
            { annotator: 'ann', status: 'labelled', judgement, createdAt: 1_000, updatedAt: 2_000, suggestion: { judgement: { ...judgement, ratings: {}, correction: null }, confidence: 0.7, modelVersion: 'bt-1' }, suggestionOutcome: 'accepted' },
            { annotator: 'bob', status: 'skipped', judgement: null, createdAt: 3_000, updatedAt: 3_000, suggestion: null, suggestionOutcome: null },
          ],
          verdict: null,
        },
      ],
      rubric,
    );
    const { annotations } = await importCompare('mine.compare.jsonl', 'compare-jsonl', output);
    const byAnnotator = Object.fromEntries(annotations.map((a) => [a.annotatorId, a]));
    expect(byAnnotator[importedAnnotatorId('ann')]).toMatchObject({ status: 'labelled', createdAt: 1_000, updatedAt: 2_000, suggestionOutcome: 'accepted', suggestion: { confidence: 0.7, modelVersion: 'bt-1' } });
    expect(decodeJudgement(byAnnotator[importedAnnotatorId('ann')]!.value[0]!)).toEqual(judgement);
    expect(byAnnotator[importedAnnotatorId('bob')]).toMatchObject({ status: 'skipped', value: [] });
  });

  it('is refused whole, naming the line, when a judgement rates what the project’s rubric does not ask', async () => {
    const { db, projectId } = await project();
    const line = JSON.stringify({
      type: 'fieldlabel-compare', version: 1, id: 'x', messages: [{ role: 'user', content: 'q' }], responses: ['1', '2'], meta: {}, rubric: null,
      judgements: [{ annotator: 'ann', status: 'labelled', judgement: { shown: ['a', 'b'], preference: { kind: 'tie' }, ratings: { Tone: 2 }, correction: null, rationale: '' } }],
      verdict: null,
    });
    await expect(runCompareImport({ db, projectId, file: new Blob([`${line}\n`]), fileName: 'f.jsonl', format: 'compare-jsonl' })).rejects.toThrow(
      'f.jsonl, line 1: the judgement by "ann" rates "Tone", which is not an item of this project\'s rubric; nothing was imported.',
    );
    expect(await db.tasks.count()).toBe(0);
  });
});

describe('a file in the wrong kind of project', () => {
  it('a compare file is refused by a project that labels texts, by either import path', async () => {
    const { db, projectId } = await project('single');
    const file = new Blob([fixture('ultra.trl.jsonl')]);
    const refusal = 'ultra.trl.jsonl is a file of responses to compare (TRL preference JSONL (prompt, chosen, rejected)), but project "Answers" labels texts. Import it into a "Compare responses" project; nothing was imported.';
    await expect(runCompareImport({ db, projectId, file, fileName: 'ultra.trl.jsonl', format: 'trl' })).rejects.toThrow(refusal);
    await expect(runImport({ db, projectId, file, fileName: 'ultra.trl.jsonl', textField: 'prompt' })).rejects.toThrow(refusal);
    expect(await db.tasks.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
  });

  it('a file of texts, or another tool’s labelled texts, is refused by a compare project', async () => {
    const { db, projectId } = await project();
    const texts = new Blob(['{"text":"hello"}\n']);
    await expect(runImport({ db, projectId, file: texts, fileName: 'texts.jsonl', textField: 'text' })).rejects.toThrow(
      'texts.jsonl holds texts to label, but project "Answers" compares responses. Import a file of prompts with their responses (see docs/formats.md, "Compare responses"); nothing was imported.',
    );
    const prodigy = new Blob(['{"text":"hi","label":"Preferred","answer":"accept"}\n']);
    await expect(runLabelledImport({ db, projectId, file: prodigy, fileName: 'p.jsonl', format: 'prodigy', options: {} })).rejects.toThrow(/p\.jsonl holds texts to label, but project "Answers" compares responses/);
    expect(await db.tasks.count()).toBe(0);
  });

  it('the preview says a compare file is one, and why, instead of asking for a text column', async () => {
    const inspection = await inspectFile(new Blob([fixture('chat.trl.jsonl')]), 'chat.trl.jsonl');
    expect(inspection.compare).toEqual({ format: 'trl', reason: expect.stringMatching(/^TRL preference JSONL \(conversational\)/) });
    expect(inspection.labelled).toBeNull();
  });
});
