import { describe, expect, it } from 'vitest';
import { readLabelledFile, readNotes } from '../../../../src/lib/formats/spans/registry';
import { spanFixture } from './fixtures';

describe('what reading another tool\'s file left out, in words', () => {
  it('names the parts it has no place for, with their counts', () => {
    const file = readLabelledFile('labelstudio', spanFixture('labelstudio-single-task.json'), 'task.json');
    expect(readNotes(file)).toEqual([
      'task.json: not read, as fieldlabel has no place for them: 2 Label Studio "relation" results and 1 Label Studio "textarea" result.',
    ]);
    expect(readNotes(readLabelledFile('doccano', spanFixture('doccano-relations.jsonl'), 'rel.jsonl'))).toEqual([
      'rel.jsonl: not read, as fieldlabel has no place for them: 3 doccano relations.',
    ]);
  });

  it('says when a file holds no label where its format keeps them', () => {
    const doccano = readLabelledFile('doccano', '{"text": "a", "column_label": ["x"]}\n{"text": "b"}\n', 'd.jsonl');
    expect(readNotes(doccano)).toEqual(['d.jsonl: 2 documents read, none with a label in "label", "labels", "entities", "cats" or "annotations".']);
    const tasks = readLabelledFile('labelstudio', '[{"data": {"text": "a"}, "predictions": [{"result": [{"type": "choices", "value": {"choices": ["x"]}}]}]}]', 'ls.json');
    expect(readNotes(tasks)).toEqual(['ls.json: 1 document read, none with a label in "annotations" (results of type "labels" or "choices").']);
    const min = readLabelledFile('labelstudio-min', spanFixture('labelstudio-min-any-fields.json'), 'min.json', { fromName: 'stars' });
    expect(readNotes(min)).toEqual(['min.json: 2 documents read, none with a label in the field "stars".']);
  });

  it('says nothing of a file read whole that holds labels', () => {
    expect(readNotes(readLabelledFile('doccano', spanFixture('doccano-intent.jsonl'), 'intent.jsonl'))).toEqual([]);
  });
});
