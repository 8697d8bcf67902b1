// The coordinator's commands on label files: merge, stats, final, and agreement on a ratings table.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementCommand } from '../../../src/cli/commands/agreement';
import { finalCommand } from '../../../src/cli/commands/final';
import { mergeCommand, writeMergedLabelFile } from '../../../src/cli/commands/merge';
import { statsCommand } from '../../../src/cli/commands/stats';
import { shuffleInPlace, createRng } from '../../../src/lib/learn/random';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { mergeAll } from '../../../src/lib/sync/merge';
import { writeLabelFiles } from '../../../bench/support/label-files';
import { cli } from './run-command';

const FIXTURES = 'tests/fixtures/sync';
const FULL = join(FIXTURES, 'full-v1.labels.jsonl');
const DELTA = join(FIXTURES, 'delta-v1.labels.jsonl');
let dir: string;
let bo: string;

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldlabel-sync-'));
  bo = join(dir, 'bo.labels.jsonl');
  const at = Date.UTC(2024, 4, 2, 10, 0);
  const vote = (taskId: string, revision: number, value: string[]) => ({
    projectId: 'proj-reviews', taskId, annotatorId: 'ann-bo', annotatorName: 'Bo', role: 'label' as const,
    value, status: 'labelled' as const, createdAt: at, updatedAt: at + revision, revision, deviceId: 'dev-bo-phone',
  });
  const header = { projectId: 'proj-reviews', annotator: { id: 'ann-bo', name: 'Bo' }, deviceId: 'dev-bo-phone', createdAt: at + 3_600_000, scope: 'full' } as const;
  await writeFile(bo, await writeLabelFile(header, [vote('t1', 1, ['positive']), vote('t2', 2, ['negative']), vote('t5', 3, ['negative'])]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fieldlabel merge', () => {
  it('writes byte-identical output whatever the order of the files, and with a file given twice', async () => {
    const outputs = new Set<string>();
    for (const [i, files] of [...permutations([FULL, DELTA, bo]), [bo, FULL, DELTA, FULL]].entries()) {
      const out = join(dir, `merged-${i}.labels.jsonl`);
      const { code, stderr } = await cli(mergeCommand, files, '--out', out);
      expect(code).toBe(0);
      expect(stderr).toContain(`→ 8 in ${out}`);
      outputs.add(await readFile(out, 'utf8'));
    }
    expect(outputs.size).toBe(1);
    const merged = await readLabelFile([...outputs][0] as string, 'merged.labels.jsonl');
    expect(merged.header).toMatchObject({ projectId: 'proj-reviews', annotator: { id: 'fieldlabel-merge' }, scope: 'full', createdAt: Date.UTC(2024, 4, 2, 11, 0) });
    expect(merged.annotations.map((a) => `${a.taskId} ${a.annotatorId} ${a.status} ${a.value.join('|')}`)).toEqual([
      't1 ann-ada labelled positive',
      't1 ann-bo labelled positive',
      't2 ann-ada labelled neutral',
      't2 ann-bo labelled negative',
      't3 ann-ada skipped ',
      't4 ann-ada retracted ',
      't5 ann-ada labelled positive',
      't5 ann-bo labelled negative',
    ]);
  });

  it('refuses a cut-off file, naming it, and writes nothing', async () => {
    const cut = join(dir, 'cut.labels.jsonl');
    const lines = (await readFile(FULL, 'utf8')).split('\n');
    await writeFile(cut, `${lines.slice(0, 3).join('\n')}\n${(lines[3] as string).slice(0, 30)}`);
    const out = join(dir, 'never.labels.jsonl');
    const { code, stderr } = await cli(mergeCommand, [FULL, cut], '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain(`fieldlabel merge: ${cut}: ends after 2 of 4 annotations — the file was cut off; export it again\n`);
    await expect(readFile(out)).rejects.toThrow('ENOENT');
  });

  it('refuses a missing file and files of two projects, naming them', async () => {
    const missing = join(dir, 'nope.labels.jsonl');
    expect((await cli(mergeCommand, [FULL, missing], '--out', join(dir, 'x'))).stderr).toContain(`fieldlabel merge: ${missing}: cannot be read (ENOENT)\n`);
    const other = join(dir, 'other.labels.jsonl');
    await writeFile(other, (await readFile(bo, 'utf8')).replace('"project_id":"proj-reviews"', '"project_id":"proj-tickets"'));
    expect((await cli(mergeCommand, [FULL, other], '--out', join(dir, 'x'))).stderr).toContain(
      `fieldlabel merge: ${other}: belongs to project "proj-tickets", but ${FULL} to project "proj-reviews"; merge the files of one project\n`,
    );
  });
});

describe('fieldlabel stats and final', () => {
  it('stats prints agreement and per-annotator counts as JSON, and a table on stderr', async () => {
    const { code, stdout, stderr } = await cli(statsCommand, [FULL, DELTA, bo]);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats).toMatchObject({ project_id: 'proj-reviews', annotations: 8, agreement: { task_type: 'single', tasks: 3, pairable_tasks: 3, annotators: 2 } });
    // t1 both positive, t2 neutral/negative, t5 positive/negative.
    expect(stats.agreement.overall.percent_agreement).toBeCloseTo(1 / 3, 12);
    expect(stats.annotators).toEqual([
      { id: 'ann-ada', name: 'Ada', labelled: 3, skipped: 1, retracted: 1, reviews: 0 },
      { id: 'ann-bo', name: 'Bo', labelled: 3, skipped: 0, retracted: 0, reviews: 0 },
    ]);
    expect(stderr).toContain('Agreement (single-label; 3 tasks labelled, 3 by two or more of 2 annotators)');
    expect(stderr).toMatch(/overall +0\.333 /);
  });

  it('stats with three annotators: Light’s κ beside Cohen’s, and why Cohen’s is left out', async () => {
    const cy = join(dir, 'cy.labels.jsonl');
    const at = Date.UTC(2024, 4, 3, 10, 0);
    const vote = (taskId: string, revision: number, value: string[]) => ({
      projectId: 'proj-reviews', taskId, annotatorId: 'ann-cy', annotatorName: 'Cy', role: 'label' as const,
      value, status: 'labelled' as const, createdAt: at, updatedAt: at, revision, deviceId: 'dev-cy',
    });
    const header = { projectId: 'proj-reviews', annotator: { id: 'ann-cy', name: 'Cy' }, deviceId: 'dev-cy', createdAt: at, scope: 'full' } as const;
    await writeFile(cy, await writeLabelFile(header, [vote('t1', 1, ['positive']), vote('t2', 2, ['neutral']), vote('t5', 3, ['negative'])]));
    const { stdout, stderr } = await cli(statsCommand, [FULL, DELTA, bo, cy]);
    // On t1, t2, t5 — Ada: positive, neutral, positive; Bo: positive, negative, negative; Cy: positive, neutral,
    // negative. Ada–Bo: po = 1/3, pe = 2/3·1/3 = 2/9, κ = 1/7; Ada–Cy: po = 2/3, pe = 2/9 + 1/9 = 1/3, κ = 1/2;
    // Bo–Cy: po = 2/3, pe = 1/9 + 2/9 = 1/3, κ = 1/2. Light's κ = (1/7 + 1/2 + 1/2) / 3 = 8/21.
    const { overall } = JSON.parse(stdout).agreement;
    expect(overall.cohen_kappa).toBeNull();
    expect(overall.light_kappa).toBeCloseTo(8 / 21, 12);
    expect(stderr).toContain('  label     agreement  cohen  light  fleiss');
    expect(stderr).toMatch(/overall +0\.556 +- +0\.381 /);
    expect(stderr).toContain(
      "  Cohen's κ compares exactly two annotators; 3 labelled here. Light's κ is the mean of Cohen's κ over the 3 pairs of annotators who labelled tasks in common (Light 1971); a pair whose shared votes all fell in one category has no κ and is left out.\n",
    );
  });

  it('stats --format table prints only the table, on stdout', async () => {
    const { stdout } = await cli(statsCommand, [FULL, bo], '--format', 'table');
    expect(stdout).toContain('Annotators\n  annotator  name  labelled  skipped  retracted  reviews\n');
  });

  it('final writes one label per task with its source, and the agreement in the header', async () => {
    const out = join(dir, 'final.jsonl');
    const { code, stderr } = await cli(finalCommand, [FULL, DELTA, bo], '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(`3 tasks (0 review, 1 majority, 0 single, 2 tie) → ${out}`);
    const [header, ...rows] = (await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(header).toMatchObject({ type: 'fieldlabel.final', version: 1, project_id: 'proj-reviews', tasks: 3 });
    expect(rows[0]).toEqual({ task_id: 't1', value: ['positive'], source: 'majority', votes: { positive: 2 }, annotators: 2 });
    expect(rows[1]).toEqual({ task_id: 't2', value: [], source: 'tie', votes: { negative: 1, neutral: 1 }, annotators: 2, tie: true, tied: ['negative', 'neutral'] });
  });
});

describe('fieldlabel stats and final on span label files', () => {
  const at = Date.UTC(2024, 5, 1, 9, 0);
  /** One annotator's full label file of span votes, task id to spans ("start:end:label"). */
  async function spanFile(name: string, id: string, tasks: Record<string, string[]>): Promise<string> {
    const annotations = Object.entries(tasks).map(([taskId, value], i) => ({
      projectId: 'proj-ner', taskId, annotatorId: id, annotatorName: name, role: 'label' as const,
      value, status: 'labelled' as const, createdAt: at, updatedAt: at + i, revision: i + 1, deviceId: `dev-${id}`,
    }));
    const path = join(dir, `${id}.spans.labels.jsonl`);
    await writeFile(path, await writeLabelFile({ projectId: 'proj-ner', annotator: { id, name }, deviceId: `dev-${id}`, createdAt: at + 60_000, scope: 'full' }, annotations));
    return path;
  }

  it('stats recognises span values by themselves and reports span F1 per label, per pair and overall', async () => {
    // n1: both mark 0:4 PER; Bo calls 10:16 an ORG where Ada said LOC. n2: Ada marks nothing, Bo 3:7 PER.
    const ada = await spanFile('Ada', 'ann-ada', { n1: ['0:4:PER', '10:16:LOC'], n2: [] });
    const bo = await spanFile('Bo', 'ann-bo', { n1: ['0:4:PER', '10:16:ORG'], n2: ['3:7:PER'] });
    const { code, stdout, stderr } = await cli(statsCommand, [ada, bo]);
    expect(code).toBe(0);
    const { agreement } = JSON.parse(stdout);
    expect(agreement).toMatchObject({ task_type: 'spans', tasks: 2, pairable_tasks: 2, annotators: 2 });
    // One match among 2 + 3 spans: 2·1 / 5 = 0.4. PER: 2·1 / (1 + 2) = 2/3.
    expect(agreement.span_f1.overall).toEqual({ matched: 1, marked: 5, f1: 0.4 });
    expect(agreement.span_f1.per_label.PER.f1).toBeCloseTo(2 / 3, 12);
    expect(agreement.span_f1.pairs).toHaveLength(1);
    expect(stderr).toContain('Span agreement (exact-match F1; 2 tasks labelled, 2 by two or more of 2 annotators)');
    expect(stderr).toMatch(/overall \(pooled\) +0\.400 +1 +5\n/);
    expect(stderr).toMatch(/PER +0\.667 +1 +3\n/);
    expect(stderr).toMatch(/ann-ada +ann-bo +2 +2 +3 +1 +0\.400\n/);
    expect(stderr).toMatch(/annotator +name +labelled +skipped +retracted +reviews +spans\n +ann-ada +Ada +2 +0 +0 +0 +2\n/);
  });

  it('--task-type spans when nobody marked a span, which cannot be told from the files', async () => {
    const ada = await spanFile('Ada', 'ann-ada', { n1: [] });
    const bo = await spanFile('Bo', 'ann-bo', { n1: [] });
    const auto = JSON.parse((await cli(statsCommand, [ada, bo])).stdout);
    expect(auto.agreement).toMatchObject({ task_type: 'single', tasks: 0 });
    const spans = JSON.parse((await cli(statsCommand, [ada, bo], '--task-type', 'spans')).stdout);
    expect(spans.agreement).toMatchObject({ task_type: 'spans', tasks: 1, pairable_tasks: 1, span_f1: { overall: { matched: 0, marked: 0, f1: 1 } } });
  });

  it('final keeps the spans more than half of the annotators marked, with span F1 in the header', async () => {
    const ada = await spanFile('Ada', 'ann-ada', { n1: ['0:4:PER', '10:16:LOC'] });
    const bo = await spanFile('Bo', 'ann-bo', { n1: ['0:4:PER'] });
    const cy = await spanFile('Cy', 'ann-cy', { n1: ['0:4:PER', '10:16:LOC'] });
    const out = join(dir, 'final-spans.jsonl');
    expect((await cli(finalCommand, [ada, bo, cy], '-o', out)).code).toBe(0);
    const [header, row] = (await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(header.agreement).toMatchObject({ task_type: 'spans', span_f1: { overall: { matched: 4, marked: 10 } } });
    expect(row).toEqual({ task_id: 'n1', value: ['0:4:PER', '10:16:LOC'], source: 'majority', votes: { '0:4:PER': 3, '10:16:LOC': 2 }, annotators: 3 });
  });
});

describe('fieldlabel agreement', () => {
  it('reproduces Krippendorff (2011), nominal α = 0.743, from a unit,annotator,label CSV with blank (missing) labels', async () => {
    const { code, stdout } = await cli(agreementCommand, [join(FIXTURES, 'krippendorff-2011.csv')]);
    expect(code).toBe(0);
    const figures = JSON.parse(stdout);
    expect(Object.keys(figures)).toEqual(['percent_agreement', 'cohen_kappa', 'light_kappa', 'fleiss_kappa', 'krippendorff_alpha', 'gwet_ac1']);
    expect(Number(figures.krippendorff_alpha.toFixed(3))).toBe(0.743);
    // Gwet's irrCAC README prints the other coefficients of the same data (cac.raw4raters).
    expect(figures.percent_agreement).toBeCloseTo(0.8181818, 7);
    expect(figures.fleiss_kappa).toBeCloseTo(0.76117, 5);
    expect(figures.gwet_ac1).toBeCloseTo(0.77544, 5);
    expect(figures.cohen_kappa).toBeNull();
  });

  it('gives Light’s κ for more than two annotators: irr’s kappam.light of the Fleiss (1971) diagnoses, 0.459', async () => {
    const { code, stdout } = await cli(agreementCommand, [join(FIXTURES, 'fleiss-1971-diagnoses.csv')]);
    expect(code).toBe(0);
    const figures = JSON.parse(stdout);
    expect(Number(figures.light_kappa.toFixed(3))).toBe(0.459);
    expect(figures.cohen_kappa).toBeNull();
  });

  it('names the file and line of a bad table', async () => {
    const noLabel = join(dir, 'no-label.csv');
    await writeFile(noLabel, 'unit,annotator,category\n1,A,x\n');
    expect((await cli(agreementCommand, [noLabel])).stderr).toBe(`fieldlabel agreement: ${noLabel}, line 1: no "label" column; the header must name unit, annotator and label\n`);
    const twice = join(dir, 'twice.csv');
    await writeFile(twice, 'unit,annotator,label\n1,A,x\n1,B,x\n1,A,y\n');
    expect((await cli(agreementCommand, [twice])).stderr).toBe(`fieldlabel agreement: ${twice}, line 4: annotator "A" already rated unit "1" on line 2\n`);
  });
});

describe('fieldlabel merge from the command line', () => {
  it('takes several files and -o, as the coordinator types it', async () => {
    const { runCli } = await import('../../../src/cli/run');
    let stderr = '';
    const out = join(dir, 'typed.labels.jsonl');
    const code = await runCli(['merge', DELTA, bo, FULL, '-o', out], { stdout: () => undefined, stderr: (text) => (stderr += text) });
    expect(code).toBe(0);
    expect(stderr).toContain(`in 3 files → 8 in ${out}`);
    expect((await readLabelFile(await readFile(out, 'utf8'), 'typed.labels.jsonl')).annotations).toHaveLength(8);
  });
});

describe('fieldlabel merge on generated field data', () => {
  /**
   * The benchmark's generator, small: 4 annotators over 500 shared tasks, 3 "my changes" files each, with later
   * files holding newer versions of earlier annotations. The command streams through sorted runs on disk; the
   * reference is the app's in-memory merge of the same files written as one label file.
   */
  it('writes exactly the bytes of the in-memory merge, spilled to many runs or not, in any file order', async () => {
    const generated = await mkdtemp(join(dir, 'generated-'));
    const plan = { projectId: 'proj-gen', tasks: 500, annotators: 4, filesPerAnnotator: 3, perFile: 150, seed: 7 };
    const { paths, lines, identities } = await writeLabelFiles(generated, plan);
    expect(lines).toBeGreaterThan(identities);

    const files = await Promise.all(paths.map(async (path) => readLabelFile(await readFile(path, 'utf8'), path)));
    // Lines with a suggestion, shown or hidden, are among them, as the app writes them.
    const suggestions = files.flatMap((f) => f.annotations).map((a) => a.suggestion);
    expect(suggestions.some((s) => s !== undefined && s.hidden === undefined)).toBe(true);
    expect(suggestions.some((s) => s?.hidden === true)).toBe(true);
    const merged = mergeAll(files.map((f) => f.annotations));
    expect(merged).toHaveLength(identities);
    const newestExport = Math.max(...files.map((f) => f.header.createdAt));
    const header = { projectId: 'proj-gen', annotator: { id: 'fieldlabel-merge', name: 'fieldlabel merge' }, deviceId: 'fieldlabel-cli', createdAt: newestExport, scope: 'full' } as const;
    const expected = await writeLabelFile(header, merged);

    const io = { stdout: () => undefined, stderr: () => undefined };
    const shuffled = shuffleInPlace([...paths, paths[0] as string], createRng(1));
    for (const [i, [order, runSize]] of ([[paths, 40], [shuffled, 40], [shuffled, 7], [paths, undefined]] as const).entries()) {
      const out = join(generated, `merged-${i}.labels.jsonl`);
      await writeMergedLabelFile(order, out, io, runSize);
      expect(await readFile(out, 'utf8')).toBe(expected);
    }
  });

  it('merges files with Windows line endings to the same bytes as with Unix ones', async () => {
    const generated = await mkdtemp(join(dir, 'crlf-'));
    const plan = { projectId: 'proj-crlf', tasks: 300, annotators: 2, filesPerAnnotator: 2, perFile: 100, seed: 3 };
    const { paths } = await writeLabelFiles(generated, plan);
    const io = { stdout: () => undefined, stderr: () => undefined };
    const unix = join(generated, 'unix.labels.jsonl');
    await writeMergedLabelFile(paths, unix, io);
    for (const path of paths) await writeFile(path, (await readFile(path, 'utf8')).replaceAll('\n', '\r\n'));
    const windows = join(generated, 'windows.labels.jsonl');
    await writeMergedLabelFile(paths, windows, io, 30);
    expect(await readFile(windows, 'utf8')).toBe(await readFile(unix, 'utf8'));
  });
});
