// The coordinator turns compared responses into training files with `fieldlabel convert --to trl|…`.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldlabel, scratchFolder } from './run-command';
import { writeCompareFile } from '../../../src/lib/formats/compare/registry';
import type { CompareDoc } from '../../../src/lib/formats/compare/compare-doc';
import { RUBRIC } from '../sync/compare-factories';

const scratch = scratchFolder('fieldlabel-convert-compare-');

const fixture = (name: string) => join('tests/fixtures/compare', name);
const jsonLines = async (path: string) => (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('fieldlabel convert --to a preference format', () => {
  it('reads a Label Studio pairwise export, says so, and writes TRL pairs with the skip counted', async () => {
    const out = join(scratch(), 'pairs.trl.jsonl');
    const { code, stderr } = await fieldlabel('convert', fixture('pairwise.labelstudio.json'), '--to', 'trl', '-o', out);
    expect(code).toBe(0);
    expect(stderr).toBe(
      `${fixture('pairwise.labelstudio.json')}: Label Studio JSON: tasks with Pairwise results ("selected": left or right); reading it as labelstudio-pairwise (name another with --from)\n` +
        `2 pairs → ${out} (trl); judgements left out (trl has no place for them): skipped 1\n`,
    );
    expect(await jsonLines(out)).toEqual([
      { prompt: 'Summarise: cats sleep a lot.', chosen: 'Cats sleep much of the day.', rejected: 'Dogs bark.' },
      { prompt: 'Best fruit?', chosen: 'Apples', rejected: 'Rocks' },
    ]);
  });

  it('turns a TRL file into OpenAI preference lines and back into our own compare file', async () => {
    const openai = join(scratch(), 'prefs.openai.jsonl');
    expect((await fieldlabel('convert', fixture('ultra.trl.jsonl'), '--to', 'openai-preference', '-o', openai)).code).toBe(0);
    const [first] = await jsonLines(openai);
    expect(first).toEqual({
      input: { messages: [{ role: 'user', content: 'The sky is' }] },
      preferred_output: [{ role: 'assistant', content: ' blue.' }],
      non_preferred_output: [{ role: 'assistant', content: ' green.' }],
    });
    const ours = join(scratch(), 'prefs.compare.jsonl');
    const { stderr } = await fieldlabel('convert', openai, '--to', 'compare-jsonl', '-o', ours);
    expect(stderr).toContain(`4 tasks → ${ours} (compare-jsonl)`);
    expect((await jsonLines(ours))[0]).toMatchObject({ type: 'fieldlabel-compare', judgements: [{ annotator: 'prefs.openai', status: 'labelled' }] });
  });

  it('stops at a bad line with its file, line and field, and writes nothing', async () => {
    const out = join(scratch(), 'never.jsonl');
    const { code, stderr } = await fieldlabel('convert', fixture('prompts.jsonl'), '--from', 'trl', '--to', 'kto', '-o', out);
    expect(code).not.toBe(0);
    expect(stderr).toBe(`fieldlabel convert: ${fixture('prompts.jsonl')}, line 1, field "chosen": expected a list of messages ({"role", "content"}), found undefined (read as trl)\n`);
    expect(existsSync(out)).toBe(false);
    expect((await fieldlabel('convert', fixture('prompts.jsonl'), '--from', 'prodigy', '--to', 'trl', '-o', out)).stderr).toMatch(/--from "prodigy" is not a compare format; compare formats: responses, trl/);
  });

  it('--kto-rating and --kto-at-least choose which rating makes a tie desirable, read from the rubric our file carries, and say it', async () => {
    const doc: CompareDoc = {
      id: 'q1',
      line: null,
      content: { messages: [{ role: 'user', content: 'Capital?' }], responses: [{ id: 'a', text: 'Paris.' }, { id: 'b', text: 'Paris!' }] },
      meta: {},
      judgements: [
        {
          annotator: 'ann',
          status: 'labelled',
          judgement: { shown: ['a', 'b'], preference: { kind: 'tie' }, ratings: { Helpful: 4, Harmless: 1 }, correction: null, rationale: '' },
          createdAt: 0,
          updatedAt: 0,
          suggestion: null,
          suggestionOutcome: null,
        },
      ],
      verdict: null,
    };
    const input = join(scratch(), 'tie.compare.jsonl');
    await writeFile(input, writeCompareFile('compare-jsonl', [doc], RUBRIC).output);
    const out = join(scratch(), 'tie.kto.jsonl');
    const byDefault = await fieldlabel('convert', input, '--to', 'kto', '-o', out);
    expect(byDefault.stderr).toContain('when the ratings\' mean share of their scales ≥ 0.5');
    expect((await jsonLines(out)).map((line) => line['label'])).toEqual([false, false]);
    const byHelpful = await fieldlabel('convert', input, '--to', 'kto', '--kto-rating', 'Helpful', '--kto-at-least', '4', '-o', out);
    expect(byHelpful.code).toBe(0);
    expect(byHelpful.stderr).toContain('true for every response when Helpful ≥ 4 of 5\n');
    expect((await jsonLines(out)).map((line) => line['label'])).toEqual([true, true]);
    const unknown = await fieldlabel('convert', input, '--to', 'kto', '--kto-rating', 'Tone', '-o', join(scratch(), 'never.kto.jsonl'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--kto-rating/--kto-at-least: "Tone" is not a rating item of the rubric (its items: "Helpful", "Harmless")');
    expect(existsSync(join(scratch(), 'never.kto.jsonl'))).toBe(false);
    expect((await fieldlabel('convert', input, '--to', 'trl', '--kto-rating', 'Helpful', '-o', out)).stderr).toContain('--kto-rating and --kto-at-least go with --to kto');
  });

  it('--to labelstudio-pairwise writes the tasks the Pairwise template of Label Studio imports, from any compare file', async () => {
    const out = join(scratch(), 'prefs.labelstudio.json');
    const { code, stderr } = await fieldlabel('convert', fixture('ultra.trl.jsonl'), '--to', 'labelstudio-pairwise', '-o', out);
    expect(code).toBe(0);
    expect(stderr).toContain(`4 tasks → ${out} (labelstudio-pairwise)`);
    const tasks = JSON.parse(await readFile(out, 'utf8')) as { data: Record<string, string>; annotations: { completed_by: string; result: { value: { selected: string } }[] }[] }[];
    const source = (await jsonLines(fixture('ultra.trl.jsonl'))) as { prompt: string; chosen: string }[];
    // Whichever side the chosen response is written on, the selection names it.
    expect(tasks.map((task) => [task.data['prompt'], task.data[task.annotations[0]?.result[0]?.value.selected === 'left' ? 'text1' : 'text2']])).toEqual(source.map((s) => [s.prompt, s.chosen]));
    expect(tasks.every((task) => task.annotations[0]?.completed_by === 'ultra.trl')).toBe(true);
  });
});
