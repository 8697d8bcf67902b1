// The `fieldlabel simulate` command at the size issue #3 names: a 4,000-text corpus (spam-assassin, spam vs ham),
// every strategy, 3 seeds, a 1,000-label budget, batches of 10 — run as a user runs it, a child process through the
// package's own script, so argument parsing, file reading, worker threads and the output file all count. The limit
// is 10 minutes on 2 cores. Word features only (no --model): the command's default.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './support/app';
import { spamAssassin, type Mail } from './support/spam-corpus';
import { round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

const TEXTS = 4_000;

export const simulateTargets: Record<string, Target> = {
  'simulate.4k_seconds': { atMost: 600 },
};

interface SimulateOutput {
  full_accuracy: number;
  strategies: Record<string, { labels_to_95pct: number | null; curve: [number, number][] }>;
}

export async function measureSimulate(bench: Bench): Promise<Figures> {
  const input = join(bench.workDir, 'spam-4k.jsonl');
  const output = join(bench.workDir, 'spam-4k-result.json');
  await writeFile(input, corpusLines().join(''));
  const args = ['run', 'fieldlabel', '--', 'simulate', input, '--text', 'text', '--label', 'label', '--strategies', 'all'];
  args.push('--seeds', '3', '--budget', '1000', '--batch', '10', '--out', output);
  const started = performance.now();
  await run('npm', args);
  const seconds = (performance.now() - started) / 1000;

  const result = JSON.parse(await readFile(output, 'utf8')) as SimulateOutput;
  const strategies = Object.keys(result.strategies);
  if (strategies.length !== 6 || strategies.some((name) => (result.strategies[name]?.curve.length ?? 0) === 0)) {
    throw new Error(`fieldlabel simulate wrote curves for ${strategies.join(', ')}; expected all six strategies.`);
  }
  return {
    'simulate.4k_seconds': round(seconds, 1),
    'simulate.4k_full_accuracy': result.full_accuracy,
    'simulate.4k_texts': TEXTS,
  };
}

/** Every n-th mail of the corpus (it is sorted by group), so both groups are in. */
function corpusLines(): string[] {
  const mails = spamAssassin();
  return Array.from({ length: TEXTS }, (_, k) => {
    const mail = mails[Math.floor((k * mails.length) / TEXTS)] as Mail;
    return `${JSON.stringify({ text: mail.text, label: mail.spam ? 'spam' : 'ham' })}\n`;
  });
}

/** Runs the command quietly (it reports progress on stderr, a line per 100 labels); a failure shows its last lines. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}
