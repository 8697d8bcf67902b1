// A coordinator brings files of Label Studio and doccano into projects: what comes in, under whom, and what the
// summary says was left out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { importedAnnotatorId } from '../../../src/lib/db/file-import-store';
import type { TaskType } from '../../../src/lib/db/rows';
import type { LabelFormat, ReadOptions } from '../../../src/lib/formats/spans/registry';
import { runLabelledImport } from '../../../src/lib/import/run-labelled-import';
import { freshDb, makeProject } from '../support/factories';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/spans/${name}`, import.meta.url), 'utf8');

async function importInto(taskType: TaskType, labels: string, name: string, format: LabelFormat, options: ReadOptions = {}) {
  const db = freshDb('relaxed');
  const project = await makeProject(db, { taskType, labels });
  const me = await getOrCreateLocalAnnotator(db);
  const row = await runLabelledImport({ db, projectId: project.id, file: new Blob([fixture(name)]), fileName: name, format, options });
  const tasks = (await db.tasks.toArray()).sort((a, b) => a.seq - b.seq);
  const annotations = await db.annotations.toArray();
  /** Each task's labels, by whose they are ("me" for the importer's own). */
  const labelled = tasks.map((task) => [
    task.text,
    annotations.filter((a) => a.taskId === task.id).map((a) => `${a.annotatorId === me.id ? 'me' : a.annotatorId}:${a.value.join('|')}`),
  ]);
  return { row, tasks, labelled };
}

describe('a Label Studio file of tasks, some without the data wrapper, with choices', () => {
  it('goes into a single-label project: every text a task, the choice a label', async () => {
    const { row, labelled } = await importInto('single', 'Positive\nNegative', 'labelstudio-unwrapped-choices.json', 'labelstudio');
    expect(labelled).toEqual([
      ['The battery died after two days.', []],
      ['Setup took five minutes.', ['me:Positive']],
      ['Arrived on time, works fine.', []],
    ]);
    expect(row).toMatchObject({ status: 'done', added: 3, message: '1 label and 0 suggestions taken over.' });
  });
});

describe('a JSON-MIN file whose fields the project named its own way', () => {
  it('goes into a multi-label project, each annotator kept apart', async () => {
    const { labelled } = await importInto('multi', 'Positive\nShipping', 'labelstudio-min-any-fields.json', 'labelstudio-min');
    expect(labelled).toEqual([
      ['Great value, fast delivery.', [`${importedAnnotatorId('ada@example.org')}:Positive`, `${importedAnnotatorId('bo@example.org')}:Positive|Shipping`]],
      ['Not looked at yet.', []],
    ]);
  });

  it('says so when a single-label project can take only the first of several labels', async () => {
    const { row, labelled } = await importInto('single', 'Positive\nShipping', 'labelstudio-min-any-fields.json', 'labelstudio-min');
    expect(labelled[0]?.[1]).toEqual([`${importedAnnotatorId('ada@example.org')}:Positive`, `${importedAnnotatorId('bo@example.org')}:Positive`]);
    expect(row.message).toBe('2 labels and 0 suggestions taken over. 1 judgement holds several labels; this project takes one label per task, so only the first of each was taken over.');
  });
});

describe('what the file held that was not read', () => {
  it('Label Studio relations and text areas are named in the summary, with counts', async () => {
    const { row, labelled } = await importInto('spans', 'PER\nLOC', 'labelstudio-single-task.json', 'labelstudio');
    expect(labelled).toEqual([['Ada Lovelace met Charles Babbage in London.', ['me:0:12:PER|17:32:PER|36:42:LOC']]]);
    expect(row.message).toBe(
      '1 label and 0 suggestions taken over. labelstudio-single-task.json: not read, as fieldlabel has no place for them: 2 Label Studio "relation" results and 1 Label Studio "textarea" result.',
    );
  });

  it('a file without a label where its format keeps them is named too', async () => {
    const { row } = await importInto('single', 'Positive\nNegative', 'labelstudio-min-any-fields.json', 'labelstudio-min', { fromName: 'stars' });
    expect(row.message).toContain('labelstudio-min-any-fields.json: 2 documents read, none with a label in the field "stars".');
  });
});

describe('doccano files', () => {
  it('an emoji before a span: the span lands on its words, in JavaScript string offsets as stored', async () => {
    const { tasks, labelled, row } = await importInto('spans', 'ORG\nDATE\nPERSON', 'doccano-relations.jsonl', 'doccano');
    const text = tasks[0]?.text ?? '';
    expect(labelled[0]?.[1]).toEqual(['me:3:9:ORG|25:42:DATE|47:57:PERSON|62:73:PERSON']);
    expect([text.slice(3, 9), text.slice(62, 73)]).toEqual(['Google', 'Sergey Brin']);
    expect(tasks.map((task) => task.id)).toEqual(['41', '42']);
    expect(row.message).toContain('doccano-relations.jsonl: not read, as fieldlabel has no place for them: 3 doccano relations.');
  });

  it('an export of before 1.0 keeps each user as an annotator, its label ids named by the list given', async () => {
    const { labelled } = await importInto('spans', 'PER\nORG\nMISC', 'doccano-annotations.jsonl', 'doccano', { labelIds: { '1': 'PER', '2': 'ORG', '3': 'MISC' } });
    expect(labelled).toEqual([
      ['EU rejects German call to boycott British lamb.', [`${importedAnnotatorId('1')}:0:2:ORG|11:17:MISC`, `${importedAnnotatorId('2')}:0:2:ORG`]],
      ['Peter Blackburn', [`${importedAnnotatorId('2')}:0:15:PER`]],
      ['President Obama', []],
    ]);
  });
});
