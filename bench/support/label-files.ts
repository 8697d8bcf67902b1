// Label files as a coordinator receives them from the field, generated from a seed: several annotators over one
// pool of shared tasks, each handing in successive "my changes" (delta) files. Some annotations come back in a later
// file as a newer version (changed or retracted), so a merge has older revisions to drop, not only rows to union.
// Most labels carry the suggestion they were made with, as the app writes them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng, type Rng } from '../../src/lib/learn/random';
import { writeLabelFile } from '../../src/lib/sync/label-file-write';
import type { SyncAnnotation, SyncSuggestion } from '../../src/lib/sync/types';

export interface LabelFilePlan {
  projectId: string;
  /** Task ids are `t000000`… up to this count. */
  tasks: number;
  annotators: number;
  filesPerAnnotator: number;
  /** Annotation lines in every file. */
  perFile: number;
  seed: number;
}

export interface GeneratedLabelFiles {
  paths: string[];
  /** Annotation lines over all files. */
  lines: number;
  /** Distinct (task, annotator) identities: what a correct merge must hold. */
  identities: number;
  bytes: number;
}

export const LABEL_NAMES = ['positive', 'negative', 'neutral'] as const;
/** Share of writes that revisit a task the annotator already labelled (a correction or an undo). */
const REVISIT_SHARE = 0.2;
const RETRACT_SHARE = 0.15;
const SKIP_SHARE = 0.03;
/**
 * Share of labels made with a model's suggestion on screen (or hidden, for the anchoring check), which the line then
 * carries: the merge's fast path must keep its speed on such lines too.
 */
const SUGGESTED_SHARE = 0.6;
const HIDDEN_SHARE = 0.1;
/** How often an annotator picks a task's "true" label: below 1, so agreement figures are not trivial. */
const ACCURACY = 0.8;
const FIRST_DAY = Date.UTC(2026, 2, 2, 7, 0);
const NAMES = ['Amina', 'Bo', 'Chidi', 'Dana', 'Emeka', 'Fatou', 'Gita', 'Hugo', 'Ines', 'Jomo', 'Kiri', 'Lena', 'Mateo', 'Nia', 'Oren', 'Priya'];

export function taskId(index: number): string {
  return `t${String(index).padStart(6, '0')}`;
}

/** Writes every file of `plan` into `dir`, one annotator at a time, so only one history is in memory. */
export async function writeLabelFiles(dir: string, plan: LabelFilePlan): Promise<GeneratedLabelFiles> {
  const rng = createRng(plan.seed);
  const result: GeneratedLabelFiles = { paths: [], lines: 0, identities: 0, bytes: 0 };
  for (let a = 0; a < plan.annotators; a++) {
    const history = new AnnotatorHistory(plan, a, rng);
    for (let k = 0; k < plan.filesPerAnnotator; k++) {
      const { sinceRevision, annotations, exportedAt } = history.nextExport();
      const header = { projectId: plan.projectId, annotator: history.who, deviceId: history.deviceId, createdAt: exportedAt, scope: 'delta', sinceRevision } as const;
      const text = await writeLabelFile(header, annotations);
      const path = join(dir, `${history.who.id}-${k + 1}.labels.jsonl`);
      await writeFile(path, text);
      result.paths.push(path);
      result.lines += annotations.length;
      result.bytes += Buffer.byteLength(text);
    }
    result.identities += history.labelledTasks;
  }
  return result;
}

/** One annotator on one device: a clock, a revision counter, and the newest version of each task they touched. */
class AnnotatorHistory {
  readonly who: { id: string; name: string };
  readonly deviceId: string;
  readonly #plan: LabelFilePlan;
  readonly #rng: Rng;
  /** Their own order of the shared tasks (a lazily shuffled prefix): annotators overlap without sharing an order. */
  readonly #order: Uint32Array;
  readonly #latest = new Map<number, SyncAnnotation>();
  readonly #touched: number[] = [];
  #revision = 0;
  #clock: number;

  constructor(plan: LabelFilePlan, index: number, rng: Rng) {
    const id = `ann-${String(index + 1).padStart(2, '0')}`;
    this.who = { id, name: `${NAMES[index % NAMES.length]} ${Math.floor(index / NAMES.length) + 1}` };
    this.deviceId = `dev-${id.slice(4)}-tablet`;
    this.#plan = plan;
    this.#rng = rng;
    this.#order = Uint32Array.from({ length: plan.tasks }, (_, i) => i);
    this.#clock = FIRST_DAY + Math.floor(rng() * 3_600_000);
  }

  get labelledTasks(): number {
    return this.#touched.length;
  }

  /** The writes since the previous export, newest version of each: what "Export my changes" would hand in. */
  nextExport(): { sinceRevision: number; annotations: SyncAnnotation[]; exportedAt: number } {
    const sinceRevision = this.#revision;
    const period = new Map<number, SyncAnnotation>();
    while (period.size < this.#plan.perFile) {
      const write = this.#write();
      period.set(write.task, write.annotation);
    }
    const exportedAt = this.#clock + 3_600_000;
    this.#clock += 12 * 3_600_000; // the next working day
    return { sinceRevision, annotations: [...period.values()], exportedAt };
  }

  #write(): { task: number; annotation: SyncAnnotation } {
    this.#clock += 2_000 + Math.floor(this.#rng() * 18_000);
    const revisit = this.#touched.length > 100 && this.#rng() < REVISIT_SHARE;
    const task = revisit ? (this.#touched[Math.floor(this.#rng() * this.#touched.length)] as number) : this.#nextNewTask();
    const earlier = this.#latest.get(task);
    const retract = revisit && this.#rng() < RETRACT_SHARE;
    const skip = !revisit && this.#rng() < SKIP_SHARE;
    const annotation: SyncAnnotation = {
      projectId: this.#plan.projectId,
      taskId: taskId(task),
      annotatorId: this.who.id,
      annotatorName: this.who.name,
      role: 'label',
      value: retract || skip ? [] : [this.#choose(task)],
      status: retract ? 'retracted' : skip ? 'skipped' : 'labelled',
      createdAt: earlier?.createdAt ?? this.#clock,
      updatedAt: this.#clock,
      revision: ++this.#revision,
      deviceId: this.deviceId,
    };
    if (annotation.status === 'labelled' && this.#rng() < SUGGESTED_SHARE) annotation.suggestion = this.#suggest(task);
    this.#latest.set(task, annotation);
    return { task, annotation };
  }

  #nextNewTask(): number {
    const i = this.#touched.length;
    if (i >= this.#order.length) throw new Error(`plan too small: an annotator ran out of the ${this.#order.length} tasks`);
    const j = i + Math.floor(this.#rng() * (this.#order.length - i));
    const task = this.#order[j] as number;
    this.#order[j] = this.#order[i] as number;
    this.#order[i] = task;
    this.#touched.push(task);
    return task;
  }

  /** What the model on this annotator's device suggested: mostly right, more often as the model learns. */
  #suggest(task: number): SyncSuggestion {
    const suggestion: SyncSuggestion = {
      value: [this.#choose(task)],
      confidence: Math.round((0.34 + 0.66 * this.#rng()) * 1000) / 1000,
      modelVersion: `n-grams@${Math.floor(this.#revision / 200) + 1}`,
    };
    if (this.#rng() < HIDDEN_SHARE) suggestion.hidden = true;
    return suggestion;
  }

  #choose(task: number): string {
    const truth = LABEL_NAMES[task % LABEL_NAMES.length] as string;
    return this.#rng() < ACCURACY ? truth : (LABEL_NAMES[Math.floor(this.#rng() * LABEL_NAMES.length)] as string);
  }
}
