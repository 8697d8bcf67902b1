import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands/index';
import { generateTestModel } from '../../../scripts/generate-test-model';
import { fieldlabel } from './run-command';

const FIXTURES = 'tests/fixtures/learn';

describe('fieldlabel simulate: calling it wrongly', () => {
  it.each([
    [['simulate'], 'fieldlabel simulate: missing <file.jsonl> (one JSON object per line, with a text and its label(s))\n'],
    [['simulate', 'a.jsonl', '--label', 'label'], 'fieldlabel simulate: --text is required (the jsonl field holding the text)\n'],
    [['simulate', 'a.jsonl', '--text', 'text', '--label'], 'fieldlabel simulate: --label expects a value, got nothing\n'],
    [['simulate', 'a.jsonl', '--text', 't', '--label', 'l', '--seeds', 'five'], 'fieldlabel simulate: --seeds expects a positive integer, got "five"\n'],
    [['simulate', 'a.jsonl', '--text', 't', '--label', 'l', '--batch=0'], 'fieldlabel simulate: --batch expects a positive integer, got "0"\n'],
    [['simulate', 'a.jsonl', '--text', 't', '--label', 'l', '--sedes', '3'], 'fieldlabel simulate: unknown flag --sedes (run "fieldlabel simulate --help" for the list)\n'],
    [['simulate', 'a.jsonl', 'b.jsonl', '--text', 't', '--label', 'l'], 'fieldlabel simulate: unexpected argument "b.jsonl"\n'],
    [
      ['simulate', 'a.jsonl', '--text', 't', '--label', 'l', '--strategies', 'random,smart'],
      'fieldlabel simulate: --strategies expects "all" or a comma-separated list of sequential, random, least-confidence, margin, entropy, hybrid; got "smart"\n',
    ],
  ])('%j → exit 2 with a message naming the problem', async (argv, message) => {
    const { code, stderr, stdout } = await fieldlabel(...argv);
    expect(stderr).toBe(message);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('names an unknown command and lists the known ones', async () => {
    const { code, stderr } = await fieldlabel('simulte');
    expect(stderr).toBe(`fieldlabel: unknown command "simulte"; commands: ${COMMANDS.map((c) => c.spec.name).join(', ')}\n`);
    expect(code).toBe(2);
  });

  it('prints help listing every flag with its default', async () => {
    const { code, stdout } = await fieldlabel('simulate', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: fieldlabel simulate <file.jsonl> --text <field> --label <field> [--model <model dir>]');
    expect(stdout).toContain('--seeds <n>');
    expect(stdout).toContain('(default: 5)');
  });
});

describe('fieldlabel simulate: bad data', () => {
  it('names the file and line of a line that is not JSON', async () => {
    const file = join(FIXTURES, 'bad-line.jsonl');
    const { code, stderr } = await fieldlabel('simulate', file, '--text', 'text', '--label', 'label');
    expect(stderr).toBe(`fieldlabel simulate: ${file}, line 3: not valid JSON (Unexpected end of JSON input)\n`);
    expect(code).toBe(1);
  });

  it('names the file, line and field when a label is missing', async () => {
    const file = join(FIXTURES, 'missing-label.jsonl');
    const { code, stderr } = await fieldlabel('simulate', file, '--text', 'text', '--label', 'label');
    expect(stderr).toBe(`fieldlabel simulate: ${file}, line 3: no "label" field (the --label field)\n`);
    expect(code).toBe(1);
  });

  it('says so when the file cannot be read', async () => {
    const { code, stderr } = await fieldlabel('simulate', 'no/such/file.jsonl', '--text', 'text', '--label', 'label');
    expect(stderr).toBe('fieldlabel simulate: no/such/file.jsonl: cannot be read (ENOENT)\n');
    expect(code).toBe(1);
  });
});

describe('fieldlabel simulate: a run', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldlabel-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Two threads, then one: the worker-thread path must give the one-thread results exactly.
  it('writes the documented JSON to --out and progress to stderr', { timeout: 30_000 }, async () => {
    const out = join(dir, 'result.json');
    const { code, stdout, stderr } = await fieldlabel(
      'simulate', join(FIXTURES, 'tickets.jsonl'), '--text', 'text', '--label', 'label',
      '--strategies', 'random,least-confidence,hybrid', '--seeds', '2', '--budget', '50', '--out', out, '--jobs', '2',
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('150 texts, 3 labels (single-label)');
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(Object.keys(result)).toEqual(['full_accuracy', 'strategies']);
    expect(Object.keys(result.strategies)).toEqual(['random', 'least-confidence', 'hybrid']);
    for (const strategy of Object.values(result.strategies) as { labels_to_95pct: unknown; curve: [number, number][] }[]) {
      expect(Object.keys(strategy)).toEqual(['labels_to_95pct', 'curve']);
      expect(strategy.curve.map(([labels]) => labels)).toEqual([10, 20, 30, 40, 50]);
    }
    const oneThread = await fieldlabel(
      'simulate', join(FIXTURES, 'tickets.jsonl'), '--text', 'text', '--label', 'label',
      '--strategies', 'random,least-confidence,hybrid', '--seeds', '2', '--budget', '50', '--jobs', '1',
    );
    expect(JSON.parse(oneThread.stdout)).toEqual(result);
  });

  it('reads array labels as a multi-label corpus and writes to stdout without --out', async () => {
    const { code, stdout, stderr } = await fieldlabel(
      'simulate', join(FIXTURES, 'tickets-multi.jsonl'), '--text', 'body', '--label', 'tags',
      '--strategies', 'entropy', '--seeds', '1', '--budget', '20',
    );
    expect(code).toBe(0);
    expect(stderr).toContain('3 labels (multi-label)');
    expect(JSON.parse(stdout).strategies.entropy.curve).toHaveLength(2);
  });
});

describe('fieldlabel simulate --model', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldlabel-model-'));
    await generateTestModel({ preset: 'tiny', outDir: join(dir, 'tiny') });
  }, 30_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("adds the local model's embeddings to the features", { timeout: 30_000 }, async () => {
    const { code, stdout, stderr } = await fieldlabel(
      'simulate', join(FIXTURES, 'tickets.jsonl'), '--text', 'text', '--label', 'label',
      '--strategies', 'margin', '--seeds', '1', '--budget', '20', '--model', join(dir, 'tiny'),
    );
    expect(stderr).toContain('embedded 150/150');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).strategies.margin.curve).toHaveLength(2);
  });

  it('names a folder without a model', async () => {
    const { code, stderr } = await fieldlabel('simulate', join(FIXTURES, 'tickets.jsonl'), '--text', 'text', '--label', 'label', '--model', dir);
    expect(stderr.endsWith(`fieldlabel simulate: --model ${dir}: no onnx/model_quantized.onnx or onnx/model.onnx in that folder\n`)).toBe(true);
    expect(code).toBe(1);
  });
});
