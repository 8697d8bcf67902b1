import type { FieldlabelDb } from '../db/database';
import { exportPages } from '../db/export-queries';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { writeTasksCsv, metaKeysOf } from '../formats/csv-export';
import { exportFileName } from '../formats/file-names';
import { writeTasksJsonl } from '../formats/jsonl-export';
import type { ExportTask } from '../formats/types';
import { saveFile } from './save-file';

export type ExportKind = 'jsonl' | 'csv';

const KINDS: Record<ExportKind, { mime: string; description: string }> = {
  jsonl: { mime: 'application/jsonl', description: 'JSON Lines' },
  csv: { mime: 'text/csv', description: 'CSV' },
};

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
      const chunks = kind === 'jsonl' ? writeTasksJsonl(tasks) : writeTasksCsv(tasks, metaKeysOf(tasks));
      const fileName = exportFileName(project.name, annotator.name, new Date(), kind);
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
