import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spamReplyPreferences } from '../../../scripts/generate-preference-set';
import { readTrlPreferences } from '../../../src/cli/trl-preferences';
import { testModelDir } from '../support/test-model';
import { fieldlabel, scratchFolder } from './run-command';

const scratch = scratchFolder('fieldlabel-simulate-compare-');

async function file(name: string, lines: unknown[]): Promise<string> {
  const path = join(scratch(), name);
  await writeFile(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return path;
}

describe('fieldlabel simulate --task compare', () => {
  it('replays a TRL preference file and prints simulate’s JSON shape', async () => {
    const path = await file('prefs.jsonl', spamReplyPreferences(300, 2));
    const { code, stdout, stderr } = await fieldlabel('simulate', path, '--task', 'compare', '--strategies', 'random,margin', '--seeds', '1', '--budget', '60');
    expect(stderr).toContain(`${path}: 300 preference pairs\n`);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { full_accuracy: number; strategies: Record<string, { labels_to_95pct: number | null; curve: [number, number][] }> };
    expect(Object.keys(result.strategies)).toEqual(['random', 'margin']);
    expect(result.strategies.random?.curve.map(([n]) => n)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(result.full_accuracy).toBeGreaterThan(0.8);
  });

  it("adds the local model's embeddings of both responses to their rows", { timeout: 60_000 }, async () => {
    const path = await file('prefs-small.jsonl', spamReplyPreferences(40, 3));
    const { code, stdout, stderr } = await fieldlabel('simulate', path, '--task', 'compare', '--strategies', 'hybrid', '--seeds', '1', '--budget', '20', '--model', await testModelDir('test-tiny'));
    expect(stderr).toContain('embedded 80/80');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).strategies.hybrid.curve.map(([n]: [number, number]) => n)).toEqual([10, 20]);
  });

  it('needs neither --text nor --label, and refuses them', async () => {
    const path = await file('one.jsonl', [{ prompt: 'p', chosen: 'a', rejected: 'b' }]);
    const { code, stderr } = await fieldlabel('simulate', path, '--task', 'compare', '--text', 'prompt');
    expect(stderr).toBe('fieldlabel simulate: --text has no meaning with --task compare (a TRL file has prompt, chosen and rejected)\n');
    expect(code).toBe(2);
  });

  it('names an unknown --task', async () => {
    const { code, stderr } = await fieldlabel('simulate', 'a.jsonl', '--text', 't', '--label', 'l', '--task', 'rank');
    expect(stderr).toBe('fieldlabel simulate: --task expects classify or compare, got "rank"\n');
    expect(code).toBe(2);
  });

  it('still requires --text for classification, and says so in help', async () => {
    expect((await fieldlabel('simulate', 'a.jsonl', '--label', 'label')).stderr).toBe('fieldlabel simulate: --text is required (the jsonl field holding the text)\n');
    const help = (await fieldlabel('simulate', '--help')).stdout;
    expect(help).toContain('--task <classify|compare>');
    expect(help).toMatch(/--text <field> +The JSONL field holding the text \(required unless --task compare\)/);
  });

  it('names the file and line of a bad preference line, and changes nothing', async () => {
    const path = await file('bad.jsonl', [{ prompt: 'p', chosen: 'a', rejected: 'b' }, { prompt: 'p', chosen: 3, rejected: 'b' }]);
    const { code, stderr, stdout } = await fieldlabel('simulate', path, '--task', 'compare');
    expect(stderr).toBe(`fieldlabel simulate: ${path}, line 2, field "chosen": expected a list of messages ({"role", "content"}), found 3\n`);
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });
});

describe('readTrlPreferences', () => {
  it('reads the standard and conversational forms, and the implicit prompt', () => {
    const lines = [
      { prompt: 'Say hi', chosen: 'Hi!', rejected: 'No.' },
      {
        prompt: [{ role: 'system', content: 'Be kind' }, { role: 'user', content: 'Say hi' }],
        chosen: [{ role: 'assistant', content: 'Hi!' }],
        rejected: [{ role: 'assistant', content: 'No.' }],
      },
      {
        chosen: [{ role: 'user', content: 'Say hi' }, { role: 'assistant', content: 'Hi!' }],
        rejected: [{ role: 'user', content: 'Say hi' }, { role: 'assistant', content: 'No.' }],
      },
    ];
    expect(readTrlPreferences('p.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'))).toEqual([
      { prompt: 'Say hi', chosen: 'Hi!', rejected: 'No.' },
      { prompt: 'Be kind\n\nSay hi', chosen: 'Hi!', rejected: 'No.' },
      { prompt: 'Say hi', chosen: 'Hi!', rejected: 'No.' },
    ]);
  });

  it('refuses a standard line without a prompt, naming its line', () => {
    expect(() => readTrlPreferences('p.jsonl', '{"chosen":"a","rejected":"b"}\n')).toThrow('p.jsonl, line 1, field "prompt": is missing; write the prompt apart from chosen and rejected (TRL’s explicit prompt), a plain-text pair cannot be split into prompt and answer');
  });
});
