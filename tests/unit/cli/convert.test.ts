// The coordinator moves old annotations between tools with `fieldlabel convert`.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabelledDoc } from '../../../src/lib/formats/spans/document';
import { readLabelled } from '../../../src/lib/formats/spans/registry';
import { fieldlabel, scratchFolder } from './run-command';

const FIXTURES = 'tests/fixtures/spans';
const scratch = scratchFolder('fieldlabel-convert-');

function fixture(name: string): string {
  return join(FIXTURES, name);
}

describe('fieldlabel convert', () => {
  it('tells the format from the content, says so, and writes the same documents in the other format', async () => {
    const out = join(scratch(), 'prodigy.json');
    const { code, stderr } = await fieldlabel('convert', fixture('prodigy-textcat.jsonl'), '--to', 'labelstudio', '-o', out);
    expect(code).toBe(0);
    expect(stderr).toContain(`${fixture('prodigy-textcat.jsonl')}: Prodigy JSONL: lines with _input_hash and _task_hash; reading it as prodigy (name another with --from)`);
    expect(stderr).toContain(`6 documents, 4 annotations, 2 predictions → ${out} (labelstudio)`);
    const source = readLabelled('prodigy', await readFile(fixture('prodigy-textcat.jsonl'), 'utf8'), 'in');
    const written = readLabelled('labelstudio', await readFile(out, 'utf8'), 'out');
    expect(written.map((doc) => [doc.text, doc.annotations, doc.predictions])).toEqual(source.map((doc) => [doc.text, doc.annotations, doc.predictions]));
  });

  it('says what the target format has no room for', async () => {
    const out = join(scratch(), 'ner.doccano.jsonl');
    const { code, stderr } = await fieldlabel('convert', fixture('labelstudio-ner.json'), '--from', 'labelstudio', '--to', 'doccano', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(
      `4 documents, 4 annotations, 2 predictions → ${out} (doccano)\n` +
        'doccano has no place for predictions: 2 left out\n' +
        'doccano has no place for skipped annotations: 1 left out\n',
    );
  });

  it('writes Hugging Face token rows with a label list it prints, and reads them back with --labels', async () => {
    const hf = join(scratch(), 'bilou.hf.jsonl');
    const first = await fieldlabel('convert', fixture('bilou.conll'), '--to', 'hf', '-o', hf);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('label list of the ner_tags written (give it as --labels to read them again): O,B-LOC,I-LOC,B-PER,I-PER\n');
    const back = join(scratch(), 'back.conll');
    const second = await fieldlabel('convert', hf, '--from', 'hf', '--labels', 'O,B-LOC,I-LOC,B-PER,I-PER', '--to', 'conll', '-o', back);
    expect(second.code).toBe(0);
    expect(readLabelled('conll', await readFile(back, 'utf8'), 'back')).toEqual(readLabelled('conll', await readFile(fixture('bilou.conll'), 'utf8'), 'in'));
  });

  it('takes our own task export by its extension', async () => {
    const out = join(scratch(), 'tasks.csv');
    const { code, stderr } = await fieldlabel('convert', fixture('tasks-export.jsonl'), '--to', 'csv', '-o', out);
    expect(code).toBe(0);
    expect(stderr).toContain("no other tool's marks; reading it as jsonl, a fieldlabel task export");
    // CSV cells are text, so meta comes back as strings; ids, texts and annotations come back as they were.
    const judged = (docs: LabelledDoc[]) => docs.map((doc) => [doc.id, doc.text, doc.annotations]);
    expect(judged(readLabelled('csv', await readFile(out, 'utf8'), 'out'))).toEqual(judged(readLabelled('jsonl', await readFile(fixture('tasks-export.jsonl'), 'utf8'), 'in')));
  });
});

describe('files of the shapes the anchors\' own tools write and read', () => {
  it('gives documents without an id a running integer id in Label Studio JSON, as its converter reads task["id"]', async () => {
    const out = join(scratch(), 'conll.json');
    expect((await fieldlabel('convert', fixture('conll2003-sample.conll'), '--to', 'labelstudio', '-o', out)).code).toBe(0);
    const tasks = JSON.parse(await readFile(out, 'utf8'));
    expect(tasks.map((task: { id: unknown }) => task.id)).toEqual(tasks.map((_: unknown, i: number) => i + 1));
  });

  it('says what it did not read, with counts, and still converts the rest', async () => {
    const out = join(scratch(), 'task.doccano.jsonl');
    const { code, stderr } = await fieldlabel('convert', fixture('labelstudio-single-task.json'), '--to', 'doccano', '-o', out);
    expect(code).toBe(0);
    expect(stderr).toBe(
      `${fixture('labelstudio-single-task.json')}: Label Studio JSON: one task with data, annotations and predictions; reading it as labelstudio (name another with --from)\n` +
        `${fixture('labelstudio-single-task.json')}: not read, as fieldlabel has no place for them: 2 Label Studio "relation" results and 1 Label Studio "textarea" result.\n` +
        `1 document, 1 annotation, 0 predictions → ${out} (doccano)\n`,
    );
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ id: 12, label: [[0, 12, 'PER'], [17, 32, 'PER'], [36, 42, 'LOC']] });
  });

  it('says when a file it reads holds no labels where its format keeps them', async () => {
    const input = join(scratch(), 'renamed.jsonl');
    await writeFile(input, '{"text": "Paris", "column_label": [[0, 5, "LOC"]]}\n');
    const { code, stderr } = await fieldlabel('convert', input, '--from', 'doccano', '--to', 'jsonl', '-o', join(scratch(), 'renamed.out.jsonl'));
    expect(code).toBe(0);
    expect(stderr).toContain(`${input}: 1 document read, none with a label in "label", "labels", "entities", "cats" or "annotations".\n`);
  });

  it('reads doccano\'s label ids with --labels id=name, keeping each user as an annotator', async () => {
    const out = join(scratch(), 'old.json');
    const { code } = await fieldlabel('convert', fixture('doccano-annotations.jsonl'), '--labels', '1=PER,2=ORG,3=MISC', '--to', 'labelstudio', '-o', out);
    expect(code).toBe(0);
    const [first] = JSON.parse(await readFile(out, 'utf8'));
    expect(first.annotations.map((annotation: { completed_by: unknown; result: { value: { labels: string[] } }[] }) => [annotation.completed_by, annotation.result.map((region) => region.value.labels[0])])).toEqual([
      [1, ['ORG', 'MISC']],
      [2, ['ORG']],
    ]);
    expect((await fieldlabel('convert', fixture('doccano-annotations.jsonl'), '--labels', '1=PER,ORG', '--to', 'conll', '-o', join(scratch(), 'x'))).stderr).toBe(
      'fieldlabel convert: --labels expects names, or label ids as id=name (1=PER,2=ORG), not both: got "1=PER,ORG"\n',
    );
  });
});

describe('when it cannot convert', () => {
  it('refuses overlapping spans for CoNLL, naming the document, and writes nothing', async () => {
    const out = join(scratch(), 'overlap.conll');
    const { code, stderr } = await fieldlabel('convert', fixture('labelstudio-ner.json'), '--to', 'conll', '-o', out);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `fieldlabel convert: ${fixture('labelstudio-ner.json')} cannot be written as conll: document 2: spans "PER" [6, 11) and "PER" [6, 17) overlap, which token tags cannot express\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('names the file, line and field of bad input, and the format it was read as', async () => {
    const input = join(scratch(), 'bad.jsonl');
    await writeFile(input, '{"text": "Paris", "label": [[0, 5, "LOC"]]}\n{"text": "Rome", "label": [[0, 9, "LOC"]]}\n');
    const { code, stderr } = await fieldlabel('convert', input, '--to', 'conll', '-o', join(scratch(), 'bad.conll'));
    expect(code).toBe(1);
    expect(stderr).toContain(`fieldlabel convert: ${input}, line 2, field "label[0][1]": expected a number ≤ text length 4, found 9 (read as doccano)\n`);
  });

  it('asks for the label list when Hugging Face indices have nothing to name them', async () => {
    const { code, stderr } = await fieldlabel('convert', fixture('hf-emotion.jsonl'), '--to', 'labelstudio', '-o', join(scratch(), 'x.json'));
    expect(code).toBe(1);
    expect(stderr).toContain(`${fixture('hf-emotion.jsonl')}, line 1, field "label": found label index 0, but no label list was given to name it (read as hf)`);
  });

  it('asks for --from when the content says nothing', async () => {
    const input = join(scratch(), 'notes.txt');
    await writeFile(input, 'just some text\n');
    const { code, stderr } = await fieldlabel('convert', input, '--to', 'conll', '-o', join(scratch(), 'x.conll'));
    expect(code).toBe(1);
    expect(stderr).toBe(
      `fieldlabel convert: ${input}: cannot tell its format from its content; name it with --from (labelstudio, labelstudio-min, prodigy, doccano, conll, hf, jsonl, csv)\n`,
    );
  });

  it('names a missing file', async () => {
    const { code, stderr } = await fieldlabel('convert', join(scratch(), 'missing.json'), '--to', 'conll', '-o', join(scratch(), 'x.conll'));
    expect(code).toBe(1);
    expect(stderr).toBe(`fieldlabel convert: ${join(scratch(), 'missing.json')}: cannot be read (ENOENT)\n`);
  });

  it('refuses a format it does not know, and a call without --to', async () => {
    expect(await fieldlabel('convert', fixture('bilou.conll'), '--to', 'yaml', '-o', join(scratch(), 'x'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fieldlabel convert: --to "yaml" is not a format; formats: labelstudio, labelstudio-min, prodigy, doccano, conll, hf, jsonl, csv; compared responses: trl, openai-preference, kto, sft, labelstudio-pairwise, compare-jsonl\n',
    });
    expect((await fieldlabel('convert', fixture('bilou.conll'), '-o', join(scratch(), 'x'))).stderr).toBe('fieldlabel convert: --to is required (format to write)\n');
    expect((await fieldlabel('convert', fixture('bilou.conll'), '--to', 'hf', '--labels', 'O,,B-X', '-o', join(scratch(), 'x'))).stderr).toBe(
      'fieldlabel convert: --labels expects names separated by commas, got "O,,B-X"\n',
    );
  });

  it('lists its flags in --help', async () => {
    const { code, stdout } = await fieldlabel('convert', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: fieldlabel convert <in> [--from <format>] --to <format> --out <file> [--labels <a,b,c>]');
  });
});
