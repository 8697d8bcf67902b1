// The coordinator turns compared responses into training files with `fieldlabel convert --to trl|…`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldlabel, scratchFolder } from './run-command';

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
});
