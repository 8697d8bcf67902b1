import type { FieldlabelDb } from '../db/database';
import { exportComparePages } from '../db/compare-export';
import { exportPages } from '../db/export-queries';
import type { CompareDoc } from '../formats/compare/compare-doc';
import { writeSummary } from '../formats/compare/pairs';
import { COMPARE_WRITE_FORMATS, isCompareWriteFormat, writeCompareFile, type CompareWriteFormat, type CompareWriteOptions } from '../formats/compare/registry';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { writeTasksCsv, metaKeysOf } from '../formats/csv-export';
import { exportFileName } from '../formats/file-names';
import { writeTasksJsonl } from '../formats/jsonl-export';
import { toLabelledDocs } from '../formats/labelled-export';
import { LABEL_FORMAT_FILES, type LabelFormat } from '../formats/spans/format-names';
import { projectHfLabelNames } from '../formats/spans/hf';
import { writeLabelled } from '../formats/spans/registry';
import type { ExportTask } from '../formats/types';
import { saveFile } from './save-file';

/** Our own JSONL and CSV, or another tool's format for taking the labels there; a compare project's training files. */
export type ExportKind = LabelFormat | CompareWriteFormat;

function writeTasks(kind: LabelFormat, tasks: ExportTask[], project: ProjectRow, annotator: LocalAnnotator): BlobPart[] {
  if (kind === 'jsonl') return writeTasksJsonl(tasks);
  if (kind === 'csv') return writeTasksCsv(tasks, metaKeysOf(tasks));
  const docs = toLabelledDocs(tasks, project.taskType, annotator.id, annotator.name);
  return [writeLabelled(kind, docs, { labelNames: projectHfLabelNames(project.taskType, project.labels.map((label) => label.name)) })];
}

/** Hugging Face files number their tags; ours are O, then B- and I- of each label in the project's order. */
export class ExportSession {
  running = $state<ExportKind | null>(null);
  done = $state(0);
  total = $state(0);
  message = $state<string | null>(null);

  private readonly db: FieldlabelDb;

  constructor(db: FieldlabelDb) {
    this.db = db;
  }

  /** `options`: a compare training file's choices (KTO's rule). */
  async export(kind: ExportKind, project: ProjectRow, annotator: LocalAnnotator, total: number, options: CompareWriteOptions = {}): Promise<void> {
    if (this.running) return;
    this.running = kind;
    this.done = 0;
    this.total = total;
    this.message = null;
    try {
      if (isCompareWriteFormat(kind)) {
        this.message = await this.exportCompare(kind, project, annotator, options);
        return;
      }
      const tasks: ExportTask[] = [];
      for await (const page of exportPages(this.db, project.id, annotator)) {
        tasks.push(...page);
        this.done = tasks.length;
      }
      const chunks = writeTasks(kind, tasks, project, annotator);
      const file = LABEL_FORMAT_FILES[kind];
      const fileName = exportFileName(project.name, annotator.name, new Date(), file.extension);
      const outcome = await saveFile(fileName, new Blob(chunks, { type: file.mime }), file.title);
      const labelled = tasks.filter((t) => t.annotations.length > 0).length;
      this.message =
        outcome === 'cancelled'
          ? 'Export cancelled.'
          : `Exported ${tasks.length.toLocaleString()} tasks (${labelled.toLocaleString()} with labels) to ${fileName}.`;
    } catch (error) {
      this.message = `Export failed: ${(error as Error).message}. Nothing was changed.`;
    } finally {
      this.running = null;
    }
  }

  /** Every annotator's judgements of every task, in a training format; the message counts what it had no place for. */
  private async exportCompare(kind: CompareWriteFormat, project: ProjectRow, annotator: LocalAnnotator, options: CompareWriteOptions): Promise<string> {
    const docs: CompareDoc[] = [];
    for await (const page of exportComparePages(this.db, project.id, annotator)) {
      docs.push(...page);
      this.done = docs.length;
    }
    const file = COMPARE_WRITE_FORMATS[kind];
    const result = writeCompareFile(kind, docs, project.rubric ?? null, options);
    const fileName = exportFileName(project.name, annotator.name, new Date(), file.extension);
    const outcome = await saveFile(fileName, new Blob([result.output], { type: file.mime }), file.title);
    return outcome === 'cancelled' ? 'Export cancelled.' : `Exported ${writeSummary(result, file.unit, fileName, kind)}.`;
  }
}
