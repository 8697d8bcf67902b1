import type { FieldlabelDb } from '../db/database';
import { exportPages } from '../db/export-queries';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { writeTasksCsv, metaKeysOf } from '../formats/csv-export';
import { exportFileName } from '../formats/file-names';
import { writeTasksJsonl } from '../formats/jsonl-export';
import { toLabelledDocs } from '../formats/labelled-export';
import { writeLabelled } from '../formats/spans/registry';
import type { ExportTask } from '../formats/types';
import { saveFile } from './save-file';

/** Our own JSONL and CSV, or another tool's format for taking the labels there. */
export type ExportKind = 'jsonl' | 'csv' | 'labelstudio' | 'labelstudio-min' | 'prodigy' | 'doccano' | 'conll' | 'hf';

const KINDS: Record<ExportKind, { mime: string; description: string; extension: string }> = {
  jsonl: { mime: 'application/jsonl', description: 'JSON Lines', extension: 'jsonl' },
  csv: { mime: 'text/csv', description: 'CSV', extension: 'csv' },
  labelstudio: { mime: 'application/json', description: 'Label Studio JSON', extension: 'labelstudio.json' },
  'labelstudio-min': { mime: 'application/json', description: 'Label Studio JSON-MIN', extension: 'labelstudio-min.json' },
  prodigy: { mime: 'application/jsonl', description: 'Prodigy JSONL', extension: 'prodigy.jsonl' },
  doccano: { mime: 'application/jsonl', description: 'doccano JSONL', extension: 'doccano.jsonl' },
  conll: { mime: 'text/plain', description: 'CoNLL (IOB2)', extension: 'conll' },
  hf: { mime: 'application/jsonl', description: 'Hugging Face JSONL', extension: 'hf.jsonl' },
};

function writeTasks(kind: ExportKind, tasks: ExportTask[], project: ProjectRow, annotator: LocalAnnotator): BlobPart[] {
  if (kind === 'jsonl') return writeTasksJsonl(tasks);
  if (kind === 'csv') return writeTasksCsv(tasks, metaKeysOf(tasks));
  const docs = toLabelledDocs(tasks, project.taskType, annotator.id, annotator.name);
  return [writeLabelled(kind, docs, { labelNames: hfLabelNames(project) })];
}

/** Hugging Face files number their tags; ours are O, then B- and I- of each label in the project's order. */
export function hfLabelNames(project: ProjectRow): string[] {
  return project.taskType === 'spans' ? ['O', ...project.labels.flatMap((l) => [`B-${l.name}`, `I-${l.name}`])] : project.labels.map((l) => l.name);
}

export class ExportSession {
  running = $state<ExportKind | null>(null);
  done = $state(0);
  total = $state(0);
  message = $state<string | null>(null);

  private readonly db: FieldlabelDb;

  constructor(db: FieldlabelDb) {
    this.db = db;
  }

  async export(kind: ExportKind, project: ProjectRow, annotator: LocalAnnotator, total: number): Promise<void> {
    if (this.running) return;
    this.running = kind;
    this.done = 0;
    this.total = total;
    this.message = null;
    try {
      const tasks: ExportTask[] = [];
      for await (const page of exportPages(this.db, project.id, annotator)) {
        tasks.push(...page);
        this.done = tasks.length;
      }
      const chunks = writeTasks(kind, tasks, project, annotator);
      const fileName = exportFileName(project.name, annotator.name, new Date(), KINDS[kind].extension);
      const outcome = await saveFile(fileName, new Blob(chunks, { type: KINDS[kind].mime }), KINDS[kind].description);
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
}
