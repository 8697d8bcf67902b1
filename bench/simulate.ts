// The `fieldlabel simulate` command at the size issue #3 names: a 4,000-text corpus (spam-assassin, spam vs ham),
// every strategy, 3 seeds, a 1,000-label budget, batches of 10 — run as a user runs it, a child process through the
// package's own script, so argument parsing, file reading, worker threads and the output file all count. The limit
// is 10 minutes on 2 cores. Word features only (no --model): the command's default.
// `simulate4` is issue #18's harder case: the same 4,000 mails by four groups, every strategy, 3 seeds, a 2,000-label
// budget — the head's passes per retrain, not sampling, decide its time.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './support/app';
import { spamAssassin, spamAssassin4 } from './support/spam-corpus';
import { round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

const TEXTS = 4_000;

export const simulateTargets: Record<string, Target> = {
  'simulate.4k_seconds': { atMost: 600 },
};

export const simulate4Targets: Record<string, Target> = {
  'simulate.multiclass4_seconds': { atMost: 600 },
};

interface SimulateOutput {
  full_accuracy: number;
  strategies: Record<string, { labels_to_95pct: number | null; curve: [number, number][] }>;
}

export async function measureSimulate(bench: Bench): Promise<Figures> {
  const lines = everyNth(spamAssassin(), (mail) => ({ text: mail.text, label: mail.spam ? 'spam' : 'ham' }));
  const { seconds, result } = await simulateCorpus(bench, 'spam-4k', lines, 1000);
  return {
    'simulate.4k_seconds': round(seconds, 1),
    'simulate.4k_full_accuracy': result.full_accuracy,
    'simulate.4k_texts': TEXTS,
  };
}

export async function measureSimulate4(bench: Bench): Promise<Figures> {
  const lines = everyNth(spamAssassin4(), (mail) => ({ text: mail.text, label: mail.group }));
  const { seconds, result } = await simulateCorpus(bench, 'spam-4k-4class', lines, 2000);
  return {
    'simulate.multiclass4_seconds': round(seconds, 1),
    'simulate.multiclass4_full_accuracy': result.full_accuracy,
    // -1: never reached within the budget (file order, here), as the `al.*` keys say it.
    ...Object.fromEntries(Object.entries(result.strategies).map(([name, { labels_to_95pct }]) => [`simulate.multiclass4.${name}.labels_to_95pct`, labels_to_95pct ?? -1])),
  };
}

/** Runs `fieldlabel simulate` on the lines, every strategy, 3 seeds, batches of 10, and checks each strategy has a curve. */
async function simulateCorpus(bench: Bench, name: string, lines: string[], budget: number): Promise<{ seconds: number; result: SimulateOutput }> {
  const input = join(bench.workDir, `${name}.jsonl`);
  const output = join(bench.workDir, `${name}-result.json`);
  await writeFile(input, lines.join(''));
  const args = ['run', 'fieldlabel', '--', 'simulate', input, '--text', 'text', '--label', 'label', '--strategies', 'all'];
  args.push('--seeds', '3', '--budget', String(budget), '--batch', '10', '--out', output);
  const started = performance.now();
  await run('npm', args);
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(await readFile(output, 'utf8')) as SimulateOutput;
  const strategies = Object.keys(result.strategies);
  if (strategies.length !== 6 || strategies.some((strategy) => (result.strategies[strategy]?.curve.length ?? 0) === 0)) {
    throw new Error(`fieldlabel simulate wrote curves for ${strategies.join(', ')}; expected all six strategies.`);
  }
  return { seconds, result };
}

/** Every n-th mail of the corpus (it is sorted by group), so every group is in: one JSONL line each. */
function everyNth<T>(mails: T[], line: (mail: T) => { text: string; label: string }): string[] {
  return Array.from({ length: TEXTS }, (_, k) => `${JSON.stringify(line(mails[Math.floor((k * mails.length) / TEXTS)] as T))}\n`);
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
