// The command-line side of the merge benchmark: the real `fieldlabel merge`, run as its own Node process the way a
// coordinator runs it, timed from outside and asked for its own peak memory (support/report-max-rss.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './app';
import type { ProcessReport } from './report-max-rss';

export interface CliMerge {
  /** From spawning the process to its exit: Node and tsx starting up are in it, as they are for the coordinator. */
  wallMs: number;
  peakMb: number;
  /** User + system CPU time of the process. */
  cpuMs: number;
  stderr: string;
}

export async function runCliMerge(paths: string[], out: string, scratch: string): Promise<CliMerge> {
  const rssFile = join(scratch, 'merge-max-rss.kib');
  const args = ['--import', 'tsx', '--import', './bench/support/report-max-rss.ts', 'src/cli/fieldlabel.ts', 'merge', ...paths, '-o', out];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, BENCH_MAX_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code] = (await once(child, 'close')) as [number | null];
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`fieldlabel merge exited with ${code}:\n${stderr.slice(-2000)}`);
  const report = JSON.parse(await readFile(rssFile, 'utf8')) as ProcessReport;
  return { wallMs, peakMb: report.maxRssKib / 1024, cpuMs: report.cpuMicros / 1000, stderr };
}
