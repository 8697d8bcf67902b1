import { describe, expect, it, vi } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { writeLabelledImport } from '../../../src/lib/db/labelled-import';
import type { LabelRecord, SpanSuggestion } from '../../../src/lib/model/api';
import type { Assistant } from '../../../src/lib/state/assistant';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { SpanSession } from '../../../src/lib/state/tasks/spans/session.svelte';
import type { ImportedTask } from '../../../src/lib/formats/spans/labelled-plan';
import { freshDb, makeProject } from '../support/factories';

const task = (id: string, text: string, prelabel: ImportedTask['prelabel'] = null): ImportedTask => ({ id, text, meta: {}, annotations: [], prelabel });

/** Tags "Oslo" as LOC wherever it occurs, like a token-classification model would. */
const tagger: Assistant = {
  suggest: async () => null,
  nextOpenSeq: async () => null,
  record: () => undefined,
  async suggestSpans(taskId: string): Promise<SpanSuggestion> {
    const text = taskId === 'd3' ? 'Oslo is cold' : '';
    const at = text.indexOf('Oslo');
    return { taskId, spans: at < 0 ? [] : [{ start: at, end: at + 4, label: 'LOC', confidence: 0.75 }], modelVersion: 'tagger@1' };
  },
};

async function spanSession(assistant: Assistant | null = null) {
  const db = freshDb();
  const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
  await writeLabelledImport(db, project.id, 'ner.json', 'labelstudio', {
    tasks: [
      task('d1', 'Ada Lovelace met Bo'),
      task('d2', 'Later ada lovelace left', { value: ['19:23:LOC'], score: 0.5 }),
      task('d3', 'Oslo is cold'),
    ],
    notes: [],
  });
  const annotator = await getOrCreateLocalAnnotator(db);
  const session = new SpanSession(db, (await db.projects.get(project.id))!, annotator, assistant);
  await session.open();
  await session.dictionaryLoaded;
  return { db, project, annotator, session };
}

describe('AnnotateSession (spans)', () => {
  it('gives the editor back its own list once stored, so it knows the edit it sent; a list in another order comes back sorted', async () => {
    const { session } = await spanSession();
    const sorted = [{ start: 0, end: 12, label: 'PER' }, { start: 17, end: 19, label: 'PER' }];
    await session.editSpans(sorted);
    expect(session.spans).toBe(sorted);
    const unsorted = [{ start: 17, end: 19, label: 'LOC' }, { start: 0, end: 12, label: 'PER' }];
    await session.editSpans(unsorted);
    expect(session.spans).not.toBe(unsorted);
    expect(session.spans).toEqual([unsorted[1], unsorted[0]]);
  });

  it('after an import into the open project, shows a task and suggests the imported spans, as opening it would', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
    const annotator = await getOrCreateLocalAnnotator(db);
    const session = new SpanSession(db, (await db.projects.get(project.id))!, annotator, null);
    await session.open();
    expect(session.task).toBeNull();
    const labelled = (id: string, text: string, value: string[]): ImportedTask => ({ ...task(id, text), annotations: [{ annotator: null, value, status: 'labelled' }] });
    await writeLabelledImport(db, project.id, 'ner.conll', 'conll', {
      tasks: [labelled('d1', 'Ada Lovelace met Bo', ['0:12:PER']), labelled('d2', 'Later Ada Lovelace left', [])],
      notes: [],
    });
    await session.refresh();
    // Every task came in labelled: the one under the cursor shows, as when a labelled project is opened.
    expect(session.task?.id).toBe('d1');
    expect(session.progress).toEqual({ total: 2, labelled: 2, skipped: 0 });
    await session.dictionaryLoaded;
    await session.perform({ kind: 'next' });
    expect(session.task?.id).toBe('d2');
    expect(session.spanSuggestions).toEqual([{ start: 6, end: 18, label: 'PER', source: 'dictionary', confidence: null }]);
  });

  it('has unsaved work from an edit or a decision until it is committed, and none while only moving', async () => {
    const { session } = await spanSession();
    expect(session.unsaved).toBe(false);
    const edit = session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    expect(session.unsaved).toBe(true);
    await edit;
    expect(session.unsaved).toBe(false);
    const moving = session.perform({ kind: 'next' });
    expect(session.unsaved).toBe(false);
    await moving;
    const finishing = session.perform({ kind: 'submit' });
    expect(session.unsaved).toBe(true);
    await finishing;
    expect(session.unsaved).toBe(false);
  });

  it('saves every edit at once as the task\'s spans, and Ctrl+Enter finishes the task and moves on', async () => {
    const { db, project, annotator, session } = await spanSession();
    expect(session.task?.id).toBe('d1');
    await session.editSpans([{ start: 17, end: 19, label: 'PER' }, { start: 0, end: 12, label: 'PER' }]);
    const saved = await db.annotations.get([project.id, 'd1', annotator.id]);
    expect(saved).toMatchObject({ status: 'labelled', value: ['0:12:PER', '17:19:PER'] });
    expect(session.task?.id).toBe('d1');
    expect(session.progress.labelled).toBe(1);
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('d2');
    expect(session.progress.labelled).toBe(1);
  });

  it('tells the model of a task left with Next after edits, once, as Done does; not at each edit', async () => {
    const records: LabelRecord[] = [];
    const { session } = await spanSession({ ...tagger, record: (record) => void records.push(record) });
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }, { start: 17, end: 19, label: 'PER' }]);
    expect(records).toEqual([]);
    await session.perform({ kind: 'next' });
    expect(session.task?.id).toBe('d2');
    expect(records).toEqual([{ taskId: 'd1', value: ['0:12:PER', '17:19:PER'], status: 'labelled', outcome: null }]);
    // Done tells it once, with the decision; a later Next has nothing more to tell.
    await session.editSpans([{ start: 6, end: 18, label: 'PER' }]);
    await session.perform({ kind: 'submit' });
    await session.perform({ kind: 'next' });
    expect(records.map((r) => [r.taskId, r.status, r.value])).toEqual([
      ['d1', 'labelled', ['0:12:PER', '17:19:PER']],
      ['d2', 'labelled', ['6:18:PER']],
    ]);
  });

  it('leaves a task open again when its last span is removed: only Done records that there is nothing to mark', async () => {
    const { db, project, annotator, session } = await spanSession();
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    expect(session.progress.labelled).toBe(1);
    await session.editSpans([]);
    expect(await db.annotations.get([project.id, 'd1', annotator.id])).toMatchObject({ status: 'retracted', value: [] });
    expect(session.progress.labelled).toBe(0);
    expect(session.notice).toBe('No spans left: the task is open again. Ctrl+Enter marks it as having nothing to mark.');
    expect(session.task?.id).toBe('d1');
    // Undo brings the span back.
    await session.perform({ kind: 'undo' });
    expect(session.spans).toEqual([{ start: 0, end: 12, label: 'PER' }]);
    expect(session.progress.labelled).toBe(1);
    await session.editSpans([]);
    await session.perform({ kind: 'submit' });
    expect(await db.annotations.get([project.id, 'd1', annotator.id])).toMatchObject({ status: 'labelled', value: [] });
    expect(session.progress.labelled).toBe(1);
    expect(session.task?.id).toBe('d2');
  });

  it('suggests the annotator\'s own earlier phrases (case-insensitively) beside the file\'s pre-annotation, and records which were kept', async () => {
    const { db, project, annotator, session } = await spanSession();
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('d2');
    expect(session.spanSuggestions).toEqual([
      { start: 6, end: 18, label: 'PER', source: 'dictionary', confidence: null },
      { start: 19, end: 23, label: 'LOC', source: 'file', confidence: 0.5 },
    ]);
    await session.acceptSpans([session.spanSuggestions[0]!]);
    expect(session.spans).toEqual([{ start: 6, end: 18, label: 'PER' }]);
    expect(session.spanSuggestions.map((s) => s.source)).toEqual(['file']);
    await session.perform({ kind: 'submit' });
    const saved = await db.annotations.get([project.id, 'd2', annotator.id]);
    expect(saved?.value).toEqual(['6:18:PER']);
    expect(saved?.suggestion).toEqual({ value: ['6:18:PER', '19:23:LOC'], confidence: 0.5, modelVersion: 'dictionary+file' });
    expect(saved?.suggestionOutcome).toBe('changed');
  });

  it('shows the first task before the earlier spans are read, then suggests them', async () => {
    const { db, project, annotator, session } = await spanSession();
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    await session.perform({ kind: 'submit' });
    // The next day: a new session opens on d2 and reads d1's "Ada Lovelace" in the background, held here.
    let goOn: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (goOn = resolve));
    const steps = { tasks: 250, phrases: 2000, pause: () => held };
    const reopened = new SpanSession(db, (await db.projects.get(project.id))!, annotator, null, { dictionarySteps: steps });
    await reopened.open();
    expect(reopened.task?.id).toBe('d2');
    expect(reopened.spanSuggestions.map((s) => s.source)).toEqual(['file']);
    goOn();
    await reopened.dictionaryLoaded;
    expect(reopened.spanSuggestions).toEqual([
      { start: 6, end: 18, label: 'PER', source: 'dictionary', confidence: null },
      { start: 19, end: 23, label: 'LOC', source: 'file', confidence: 0.5 },
    ]);
  });

  it('keeps the very suggestion list when matching again after an edit finds the same suggestions', async () => {
    const { session } = await spanSession();
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    await session.perform({ kind: 'submit' });
    const shown = session.spanSuggestions;
    expect(shown).toHaveLength(2);
    // "Later" is labelled: it occurs nowhere else, so the suggestions stay as they were.
    await session.editSpans([{ start: 0, end: 5, label: 'PER' }]);
    expect(session.spanSuggestions).toBe(shown);
    // Taking one changes them.
    await session.acceptSpans([shown[0]!]);
    expect(session.spanSuggestions).not.toBe(shown);
    expect(session.spanSuggestions.map((s) => s.source)).toEqual(['file']);
  });

  it('shows the model\'s spans, and undo takes an edit back', async () => {
    const { session } = await spanSession(tagger);
    await session.perform({ kind: 'next' });
    await session.perform({ kind: 'next' });
    expect(session.task?.id).toBe('d3');
    expect(session.spanSuggestions).toEqual([{ start: 0, end: 4, label: 'LOC', source: 'model', confidence: 0.75 }]);
    await session.acceptSpans(session.spanSuggestions);
    expect(session.spans).toEqual([{ start: 0, end: 4, label: 'LOC' }]);
    await session.perform({ kind: 'undo' });
    expect(session.spans).toEqual([]);
    // The model's suggestion comes back once its advice for the task is in (asked for, not waited for, on undo).
    await vi.waitFor(() => expect(session.spanSuggestions).toEqual([{ start: 0, end: 4, label: 'LOC', source: 'model', confidence: 0.75 }]));
  });

  it('forgets the spans of a task skipped after all', async () => {
    const { session } = await spanSession();
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    await session.perform({ kind: 'skip' });
    expect(session.task?.id).toBe('d2');
    expect(session.spanSuggestions.map((s) => s.source)).toEqual(['file']);
  });

  it('forgets an undone span as a dictionary phrase', async () => {
    const { session } = await spanSession();
    await session.editSpans([{ start: 0, end: 12, label: 'PER' }]);
    await session.perform({ kind: 'undo' });
    expect(session.spans).toEqual([]);
    await session.perform({ kind: 'next' });
    expect(session.task?.id).toBe('d2');
    // "ada lovelace" is no longer suggested; the file's pre-annotation still is.
    expect(session.spanSuggestions.map((s) => s.source)).toEqual(['file']);
  });
});

describe('AnnotateSession (classification with a file\'s pre-annotations)', () => {
  it('shows the file\'s prediction as the suggestion, and Enter accepts it', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'single', labels: 'Positive\nNegative' });
    await writeLabelledImport(db, project.id, 'ls.json', 'labelstudio', {
      tasks: [task('a', 'Great', { value: ['Positive'], score: 0.8 }), task('b', 'Bad')],
      notes: [],
    });
    const annotator = await getOrCreateLocalAnnotator(db);
    const session = new ClassificationSession(db, (await db.projects.get(project.id))!, annotator);
    await session.open();
    expect(session.suggestion).toMatchObject({ value: ['Positive'], confidence: 0.8, modelVersion: 'file:ls.json' });
    expect(session.selection).toEqual(['Positive']);
    await session.perform({ kind: 'submit' });
    expect(await db.annotations.get([project.id, 'a', annotator.id])).toMatchObject({ value: ['Positive'], suggestionOutcome: 'accepted' });
    expect(session.task?.id).toBe('b');
    expect(session.suggestion).toBeNull();
  });
});
