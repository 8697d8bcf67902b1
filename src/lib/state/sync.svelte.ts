import type { FieldlabelDb } from '../db/database';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { labelledTasks } from '../db/held';
import { applyIncoming, bundleContents, countHeld, currentLabelSets, labelFileAnnotations, projectAnnotations } from '../db/sync-queries';
import { fileNamePart, exportFileName } from '../formats/file-names';
import { asSentence } from '../formats/values';
import { agreementReport } from '../sync/agreement-report';
import { writeBundle } from '../sync/bundle';
import { finalLabels, writeFinalFile } from '../sync/final';
import { planIncoming, planTotals as totals, type HeldCounts, type PlanTotals } from '../sync/held';
import { checkProject, readLabelFile } from '../sync/label-file-read';
import { checkLabelValues, type LabelledTask } from '../sync/label-values';
import type { LabelFile, SyncAnnotation } from '../sync/types';
import { buildLabelFile, exportLabelFile, type BuiltLabelFile } from './label-file-export';
import { mergeProgress, type MergeProgress } from './merge-progress';
import { saveFile } from './save-file';
import { UNSHARED, type WriteGate } from './write-gate';

/** One chosen label file: refused with its reason, or read and compared with what this device has. */
export interface LabelFileCheck {
  fileName: string;
  annotatorName: string;
  scope: 'full' | 'delta';
  error: string | null;
  annotations: SyncAnnotation[];
  totals: PlanTotals | null;
}

/** The Sync screen: label files out and in (with a summary before anything is applied), and project bundles. */
export class SyncSession {
  checks = $state.raw<LabelFileCheck[]>([]);
  /** What the checked files would do together, merged: shown before applying. */
  combined = $state.raw<PlanTotals | null>(null);
  applied = $state.raw<PlanTotals | null>(null);
  message = $state<string | null>(null);
  busy = $state(false);
  /** While files are read or applied: how far, and how long is left. */
  progress = $state.raw<MergeProgress | null>(null);
  /** Annotations on this device kept apart because the project does not have their tasks. */
  held = $state.raw<HeldCounts | null>(null);

  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly annotator: LocalAnnotator;
  private readonly onChanged: () => void;
  private readonly gate: WriteGate;

  /** `gate`: merges are written through it, so only in the tab that holds the project (see ProjectLock). */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, onChanged: () => void, gate: WriteGate = UNSHARED) {
    this.db = db;
    this.project = project;
    this.annotator = annotator;
    this.onChanged = onChanged;
    this.gate = gate;
  }

  async loadHeld(): Promise<void> {
    this.held = await countHeld(this.db, this.project.id);
  }

  /** Full: every annotation on this device (those kept apart too, so none is lost on the way). Delta: only this annotator's writes since their last export. */
  async exportLabels(scope: 'full' | 'delta'): Promise<void> {
    await this.run(async () => {
      const { outcome, name, count } = await exportLabelFile(this.db, this.project, this.annotator, scope);
      if (outcome === 'cancelled') return;
      this.message = `Exported ${count.toLocaleString('en-US')} annotations (${scope === 'full' ? 'full' : 'changes since your last export'}) to ${name}.`;
    });
  }

  /** The text of a label file of this device's annotations, and the highest revision of this annotator in it. */
  labelFile(scope: 'full' | 'delta'): Promise<BuiltLabelFile> {
    return buildLabelFile(this.db, this.project, this.annotator, scope);
  }

  /** Reads label files found elsewhere (a sync folder) and applies the readable ones at once. */
  async applyFiles(files: { name: string; text: string }[]): Promise<{ applied: PlanTotals; rejected: string[] }> {
    const { checks } = await this.readAndCheck(files.map((file) => ({ name: file.name, size: file.text.length, text: async () => file.text })));
    const incoming = checks.flatMap((c) => c.annotations);
    const rejected = checks.flatMap((c) => (c.error === null ? [] : [c.error]));
    const applied = totals(await this.gate.run(() => applyIncoming(this.db, this.project.id, incoming)));
    await this.loadHeld();
    if (applied.added + applied.updated > 0) this.onChanged();
    return { applied, rejected };
  }

  /** Reads and checks every chosen file; nothing is written until apply(). */
  async check(files: File[]): Promise<void> {
    await this.run(async () => {
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const startedAt = Date.now();
      let read = 0;
      this.progress = mergeProgress('reading', 0, total, startedAt, startedAt);
      const { checks, tasks } = await this.readAndCheck(files, (file) => {
        read += file.size;
        this.progress = mergeProgress('reading', read, total, startedAt, Date.now());
      });
      const good = checks.flatMap((c) => c.annotations);
      if (good.length > 0) {
        // One read of the project's labels for every file: each is previewed alone, then all together.
        const current = await currentLabelSets(this.db, this.project.id);
        const hasTask = (id: string) => tasks.has(id);
        for (const c of checks) if (c.error === null) c.totals = totals(planIncoming(current, c.annotations, hasTask));
        this.combined = totals(planIncoming(current, good, hasTask));
      } else {
        this.combined = null;
      }
      this.checks = checks;
      this.applied = null;
    });
  }

  /**
   * Applies every readable checked file, a batch of rows per transaction (applyIncoming): a value that does not fit
   * refuses all of them before anything is written; a merge cut off midway keeps every merge rule, and applying the
   * same files again completes it.
   */
  async apply(): Promise<void> {
    await this.run(async () => {
      const incoming = this.checks.flatMap((c) => c.annotations);
      const startedAt = Date.now();
      // Until the plan says how many rows will be written, the bar stands at zero of the incoming annotations.
      this.progress = mergeProgress('applying', 0, incoming.length, startedAt, startedAt);
      const report = (written: number, total: number) => (this.progress = mergeProgress('applying', written, total, startedAt, Date.now()));
      this.applied = totals(await this.gate.run(() => applyIncoming(this.db, this.project.id, incoming, report)));
      this.checks = [];
      this.combined = null;
      await this.loadHeld();
      this.onChanged();
    });
  }

  discard(): void {
    this.checks = [];
    this.combined = null;
  }

  /** One label per task (a review decides, else the majority; draws marked), with the agreement figures on top. */
  async exportFinal(): Promise<void> {
    await this.run(async () => {
      const all = await projectAnnotations(this.db, this.project.id);
      const rows = finalLabels(all, this.project.taskType);
      const report = agreementReport(all, this.project.taskType, this.project.labels.map((l) => l.name));
      const name = exportFileName(this.project.name, 'final', new Date(), 'jsonl');
      const outcome = await saveFile(name, new Blob([writeFinalFile(this.project.id, report, rows)], { type: 'application/jsonl' }), 'final labels');
      const ties = rows.filter((r) => r.source === 'tie').length;
      if (outcome !== 'cancelled') this.message = `Exported final labels of ${rows.length.toLocaleString('en-US')} tasks (${ties} ties marked) to ${name}.`;
    });
  }

  async exportBundle(withLabels: boolean): Promise<void> {
    await this.run(async () => {
      const { project, tasks } = await bundleContents(this.db, this.project.id);
      const annotations = withLabels ? await labelFileAnnotations(this.db, this.project.id) : undefined;
      const bytes = await writeBundle({ project, tasks, annotations, createdBy: { id: this.annotator.id, name: this.annotator.name }, deviceId: this.annotator.deviceId, createdAt: Date.now() });
      const name = `${fileNamePart(this.project.name)}.fieldlabel.zip`;
      const outcome = await saveFile(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), 'fieldlabel project bundle');
      if (outcome !== 'cancelled') this.message = `Saved ${name}: ${tasks.length.toLocaleString('en-US')} tasks${withLabels ? ` and ${annotations?.length ?? 0} annotations` : ''}.`;
    });
  }

  /**
   * Each file read, then refused unless it is of this project and every value in it can be a label of it. The tasks
   * the values point into are read once for all the files, not once per file.
   */
  private async readAndCheck(files: { name: string; size: number; text: () => Promise<string> }[], onRead?: (file: { size: number }) => void): Promise<{ checks: LabelFileCheck[]; tasks: Map<string, LabelledTask> }> {
    const read: (LabelFile | Error)[] = [];
    for (const file of files) {
      try {
        const parsed = await readLabelFile(await file.text(), file.name);
        checkProject(parsed, this.project.id, this.project.name);
        read.push(parsed);
      } catch (error) {
        read.push(error as Error);
      }
      onRead?.(file);
    }
    const tasks = await labelledTasks(this.db, this.project.id, read.flatMap((r) => (r instanceof Error ? [] : r.annotations.map((a) => a.taskId))));
    const checks = read.map((r, i): LabelFileCheck => {
      const fileName = (files[i] as { name: string }).name;
      try {
        if (r instanceof Error) throw r;
        checkLabelValues(r, this.project, (id) => tasks.get(id));
        const annotations = r.annotations.map((a) => ({ ...a, projectId: this.project.id }));
        return { fileName, annotatorName: r.header.annotator.name, scope: r.header.scope, error: null, annotations, totals: null };
      } catch (error) {
        return { fileName, annotatorName: '', scope: 'full', error: (error as Error).message, annotations: [], totals: null };
      }
    });
    return { checks, tasks };
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      await work();
    } catch (error) {
      this.message = `${asSentence((error as Error).message)} Nothing was changed.`;
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }
}
