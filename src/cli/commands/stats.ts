// `fieldlabel stats`: how much each annotator did and how well they agree, from label files. JSON for scripts on
// stdout; the same as a table for the person at the terminal on stderr (or on stdout with --format table). Span
// projects get exact-match span F1 instead of the classification figures (see lib/sync/agreement-report.ts); compare
// projects their preference and rating figures and each annotator's position bias (stats-compare.ts).
import { decodeJudgement } from '../../lib/domain/compare';
import type { TaskType } from '../../lib/domain/types';
import { agreementNotes } from '../../lib/sync/agreement-notes';
import { agreementReport } from '../../lib/sync/agreement-report';
import { decodeSpan } from '../../lib/spans/span-value';
import { reportToJson, type AgreementFigures, type AgreementReport, type SpanAgreement, type SpanMatch } from '../../lib/sync/report-types';
import type { SyncAnnotation } from '../../lib/sync/types';
import { inferTaskType } from '../../lib/sync/votes';
import { UsageError, type CommandSpec, type FlagSpec, type ParsedArgs } from '../args';
import type { CliIo } from '../io';
import type { Command } from './command';
import { mergeLabelFiles } from './merge';
import { compareTables } from './stats-compare';
import { figure, formatTable } from './stats-format';

/** Label files do not say what kind of tasks they label; the project does, or the labels tell. */
export const TASK_TYPE_FLAG: FlagSpec = {
  name: 'task-type',
  kind: 'string',
  valueName: 'auto|single|multi|spans|compare',
  description:
    'Single-label, multi-label, span or compare tasks; auto: spans when every label is a start:end:label span, compare when every value is a judgement, else multi-label as soon as one annotation has several labels',
  default: 'auto',
};

const spec: CommandSpec = {
  name: 'stats',
  summary: 'Per-annotator counts and inter-annotator agreement (per label and overall) from label files.',
  positionals: [{ name: 'files', description: 'label files (*.labels.jsonl) of one project', repeated: true }],
  flags: [
    TASK_TYPE_FLAG,
    { name: 'format', kind: 'string', valueName: 'json|table', description: 'json: JSON on stdout and a table on stderr; table: only the table, on stdout', default: 'json' },
  ],
};

export const statsCommand: Command = { spec, run };

interface AnnotatorCounts {
  id: string;
  name: string;
  labelled: number;
  skipped: number;
  retracted: number;
  reviews: number;
}

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const format = args.flags.get('format');
  if (format !== 'json' && format !== 'table') throw new UsageError(`stats: --format expects "json" or "table", got "${String(format)}"`);
  const merged = await mergeLabelFiles(args.positionals, io);
  const annotations = merged.annotations.sorted();
  const report = agreementReport(annotations, taskTypeOf(args, 'stats', annotations));
  const annotators = annotatorCounts(annotations);
  const table = statsTable(report, annotators);
  if (format === 'table') {
    io.stdout(table);
    return;
  }
  io.stdout(`${JSON.stringify({ project_id: merged.projectId, annotations: annotations.length, agreement: reportToJson(report), annotators })}\n`);
  io.stderr(table);
}

export function taskTypeOf(args: ParsedArgs, command: string, annotations: readonly SyncAnnotation[]): TaskType {
  const value = args.flags.get('task-type');
  if (value === 'single' || value === 'multi' || value === 'spans' || value === 'compare') return value;
  if (value === 'auto') return holdsOnly(annotations, (v) => decodeSpan(v) !== null) ? 'spans' : holdsOnly(annotations, isJudgement) ? 'compare' : inferTaskType(annotations);
  throw new UsageError(`${command}: --task-type expects "auto", "single", "multi", "spans" or "compare", got "${String(value)}"`);
}

/**
 * No label set names its labels "3:7:PER" or a JSON judgement, so files whose every value is a span come from a span
 * project, and those whose every value is a judgement from a compare project. Files in which nobody marked a span
 * cannot tell: --task-type spans says it.
 */
function holdsOnly(annotations: readonly SyncAnnotation[], is: (value: string) => boolean): boolean {
  const values = annotations.filter((a) => a.status === 'labelled').flatMap((a) => a.value);
  return values.length > 0 && values.every(is);
}

function isJudgement(value: string): boolean {
  return value.startsWith('{') && typeof decodeJudgement(value) !== 'string';
}

/** Label work by role "label" per status; reviews are the annotator's standing adjudications. */
function annotatorCounts(annotations: readonly SyncAnnotation[]): AnnotatorCounts[] {
  const byId = new Map<string, AnnotatorCounts & { seenAt: number }>();
  for (const a of annotations) {
    let counts = byId.get(a.annotatorId);
    if (counts === undefined) {
      counts = { id: a.annotatorId, name: a.annotatorName, labelled: 0, skipped: 0, retracted: 0, reviews: 0, seenAt: a.updatedAt };
      byId.set(a.annotatorId, counts);
    }
    // People rename themselves; the name on their newest annotation is the one they go by.
    if (a.updatedAt > counts.seenAt) Object.assign(counts, { name: a.annotatorName, seenAt: a.updatedAt });
    if (a.role === 'review') counts.reviews += a.status === 'labelled' ? 1 : 0;
    else counts[a.status] += 1;
  }
  return [...byId.values()].map(({ seenAt: _, ...counts }) => counts).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function statsTable(report: AgreementReport, annotators: readonly AnnotatorCounts[]): string {
  const counts = `${report.tasks} tasks labelled, ${report.pairableTasks} by two or more of ${report.annotators} annotators`;
  const people = [['annotator', 'name', 'labelled', 'skipped', 'retracted', 'reviews'], ...annotators.map((a) => [a.id, a.name, a.labelled, a.skipped, a.retracted, a.reviews].map(String))];
  if (report.taskType === 'spans') {
    const spans = new Map(report.spanF1.annotators.map((a) => [a.id, a.spans]));
    people.forEach((row, i) => row.push(i === 0 ? 'spans' : String(spans.get(row[0] as string) ?? 0)));
    return `Span agreement (exact-match F1; ${counts})\n${spanTables(report.spanF1)}Annotators\n${formatTable(people)}`;
  }
  if (report.taskType === 'compare') return `Agreement (compare responses; ${counts.replace('labelled', 'judged')})\n${compareTables(report)}\nAnnotators\n${formatTable(people)}`;
  const kind = report.taskType === 'single' ? 'single-label' : 'multi-label';
  const figures = (name: string, f: AgreementFigures) =>
    [name, ...[f.percentAgreement, f.cohenKappa, f.lightKappa, f.fleissKappa, f.krippendorffAlpha, f.gwetAc1].map(figure)];
  const agreement = [
    ['label', 'agreement', 'cohen', 'light', 'fleiss', 'kripp. α', 'gwet AC1'],
    figures(report.taskType === 'single' ? 'overall' : 'overall (mean)', report.overall),
    ...Object.entries(report.perLabel).map(([label, f]) => figures(label, f)),
  ];
  const notes = agreementNotes(report).map((note) => `  ${note}\n`).join('');
  return `Agreement (${kind}; ${counts})\n${formatTable(agreement)}${notes}\nAnnotators\n${formatTable(people)}`;
}

/** Per label pooled over the pairs, then each pair: what the coordinator needs to find who marks differently. */
function spanTables(agreement: SpanAgreement): string {
  const f1 = (m: SpanMatch) => figure(m.f1);
  const byLabel = [
    ['label', 'span F1', 'matched', 'marked'],
    ['overall (pooled)', f1(agreement.overall), String(agreement.overall.matched), String(agreement.overall.marked)],
    ...Object.entries(agreement.perLabel).map(([label, m]) => [label, f1(m), String(m.matched), String(m.marked)]),
  ];
  const pairs = [
    ['first', 'second', 'tasks', 'spans 1', 'spans 2', 'matched', 'span F1'],
    ...agreement.pairs.map((p) => [...p.annotators, ...[p.tasks, ...p.spans, p.matched].map(String), f1(p)]),
  ];
  return `${formatTable(byLabel)}\nPairs\n${formatTable(pairs)}\n`;
}
