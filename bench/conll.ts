// Import speed of a 10 MB CoNLL file (issue #5) through the app's Import tab, beside the parser alone in Node: the
// gap between the two is what reading the file in the browser, the worker hop and storing tasks and labels cost.
import { readFile } from 'node:fs/promises';
import { readLabelled } from '../src/lib/formats/spans/registry';
import { CONLL_LABELS, writeConllFile } from './support/conll-data';
import { openSpanProject, timedConllImport } from './support/span-project';
import { median, round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

const FILE_BYTES = 10_000_000;
const PARSE_RUNS = 3;

export const conllTargets: Record<string, Target> = {};

export async function measureConll(bench: Bench): Promise<Figures> {
  const file = await writeConllFile(bench.workDir, FILE_BYTES);
  const mb = file.bytes / 1e6;
  const parse = await parseInNode(file.path, file.fileName, file.documents, file.spans);

  const { page } = await openSpanProject(bench, 'Bench CoNLL', CONLL_LABELS);
  await bench.quiet();
  const timing = await timedConllImport(page, file);
  // The annotator's click is left out: from the change event to the form, then from the submit to the summary.
  const appS = (timing.detectMs + timing.importMs) / 1000;
  const settleMs = await bench.quiet();
  await page.close();
  return {
    'conll.import_mb_per_s': round(mb / appS, 3),
    'conll.parse_mb_per_s': round(mb / (parse / 1000), 3),
    'conll.import_s': round(appS, 3),
    'conll.detect_s': round(timing.detectMs / 1000, 3),
    'conll.import_settle_s': round(settleMs / 1000, 1),
    'conll.file_mb': round(mb, 2),
    'conll.documents': file.documents,
    'conll.spans': file.spans,
  };
}

/** The median of a few runs of the app's own reader, checking it found every document and span. */
async function parseInNode(path: string, fileName: string, documents: number, spans: number): Promise<number> {
  const text = await readFile(path, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < PARSE_RUNS; i++) {
    const started = performance.now();
    const docs = readLabelled('conll', text, fileName);
    times.push(performance.now() - started);
    const found = docs.reduce((n, doc) => n + (doc.annotations[0]?.spans.length ?? 0), 0);
    if (docs.length !== documents || found !== spans) {
      throw new Error(`The CoNLL reader found ${docs.length} documents and ${found} spans; the file holds ${documents} and ${spans}.`);
    }
  }
  return median(times);
}
