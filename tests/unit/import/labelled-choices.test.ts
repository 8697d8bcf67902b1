// Before another tool's file is read, the import says what it found and what the user may have to name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../../src/lib/import/run-import';

const fixture = (name: string) => new Blob([readFileSync(new URL(`../../fixtures/spans/${name}`, import.meta.url))]);

describe('what the import asks about another tool\'s file', () => {
  it('JSON-MIN: the text and label fields, chosen as a CSV\'s text column is, never the annotation\'s own fields', async () => {
    const { labelled } = await inspectFile(fixture('labelstudio-min-any-fields.json'), 'min.json');
    expect(labelled).toEqual({
      format: 'labelstudio-min',
      reason: 'Label Studio JSON-MIN: flat records with annotator and annotation_id',
      choices: { textFields: ['review', 'verdict'], textField: 'review', labelFields: ['verdict'], labelField: 'verdict', labelIds: false },
    });
  });

  it('Label Studio tasks: the data fields, of wrapped tasks and of tasks that are their own data', async () => {
    const text = '[{"data": {"headline": "a", "title": "b"}}, {"headline": "c", "title": "d"}]';
    const { labelled } = await inspectFile(new Blob([text]), 'tasks.json');
    expect(labelled?.choices).toEqual({ textFields: ['headline', 'title'], textField: null, labelFields: [], labelField: null, labelIds: false });
  });

  it('doccano before 1.0: that its labels are numbered, so their names must be given', async () => {
    const { labelled } = await inspectFile(fixture('doccano-annotations.jsonl'), 'old.jsonl');
    expect(labelled?.choices.labelIds).toBe(true);
    expect((await inspectFile(fixture('doccano-intent.jsonl'), 'intent.jsonl')).labelled?.choices.labelIds).toBe(false);
  });
});
