import { writeAnnotation } from '../db/annotations';
import type { FieldlabelDb } from '../db/database';
import type { ProjectRow } from '../db/rows';
import { projectAnnotations, projectSuggestions } from '../db/sync-queries';
import type { ModelResponse } from '../domain/compare';
import { agreementReport } from '../sync/agreement-report';
import { compareAgreement, judgeAnnotations } from '../sync/compare-agreement';
import { describeJudgement, judgedVotes, preferenceKey } from '../sync/compare-votes';
import type { AgreementReport } from '../sync/report-types';
import type { SyncAnnotation } from '../sync/types';
import { NO_COPY, type KeepCopy } from './second-copy';
import { UNSHARED, type WriteGate } from './write-gate';

export interface Vote {
  annotatorId: string;
  name: string;
  value: string[];
  /** Compare projects: the judgement as one line ("r1 better (shown as B) · Helpful 4"). */
  summary?: string;
}

export interface Disagreement {
  taskId: string;
  /** Null when the task is not on this device (labels came in a file, the task did not). */
  text: string | null;
  votes: Vote[];
  /** The final label a reviewer set, if any. */
  review: string[] | null;
  /** Compare tasks on this device: the responses judged, by id. */
  responses?: ModelResponse[];
}

const displayName = (a: SyncAnnotation) => a.annotatorName || a.annotatorId.slice(0, 8);
const sameValue = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v));
/** A compare vote's preference keyed by response id: two annotators who saw other orders and chose alike agree. */
const preferenceOf = (a: SyncAnnotation) => {
  const [vote] = judgedVotes([a]);
  return vote === undefined ? null : preferenceKey(vote.judgement.preference);
};

/** Tasks where annotators disagree, each annotator's label side by side, and the reviewer's final word. */
export class ReviewSession {
  items = $state.raw<Disagreement[]>([]);
  report = $state.raw<AgreementReport | null>(null);
  /** Annotator names by id, for the pairs of the span agreement table. */
  names = $state.raw<Record<string, string>>({});
  loaded = $state(false);
  /** A final label that could not be stored, and why. */
  problem = $state<string | null>(null);

  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly gate: WriteGate;
  private readonly keepCopy: KeepCopy;

  /**
   * `gate`: final labels are written through it, so only in the tab that holds the project (see ProjectLock);
   * `keepCopy`: and each goes to the second copy of the labels.
   */
  constructor(db: FieldlabelDb, project: ProjectRow, gate: WriteGate = UNSHARED, keepCopy: KeepCopy = NO_COPY) {
    this.db = db;
    this.project = project;
    this.gate = gate;
    this.keepCopy = keepCopy;
  }

  async load(): Promise<void> {
    const all = await projectAnnotations(this.db, this.project.id);
    const compare = this.project.taskType === 'compare';
    // A model's judge (suggestions that came with a file) is compared with each person like one more annotator.
    this.report = compare
      ? compareAgreement(all, judgeAnnotations(this.project.id, await projectSuggestions(this.db, this.project.id)))
      : agreementReport(all, this.project.taskType, this.project.labels.map((l) => l.name));
    this.names = Object.fromEntries(all.map((a) => [a.annotatorId, displayName(a)]));
    const byTask = new Map<string, SyncAnnotation[]>();
    for (const a of all) {
      if (a.status === 'retracted') continue;
      const list = byTask.get(a.taskId) ?? [];
      list.push(a);
      byTask.set(a.taskId, list);
    }
    const items: Disagreement[] = [];
    for (const [taskId, list] of byTask) {
      const votes = list.filter((a) => a.role === 'label' && a.status === 'labelled');
      const first = votes[0] as SyncAnnotation;
      const alike = compare ? (v: SyncAnnotation) => preferenceOf(v) === preferenceOf(first) : (v: SyncAnnotation) => sameValue(v.value, first.value);
      if (votes.length < 2 || votes.every(alike)) continue;
      const review = list.filter((a) => a.role === 'review').sort((a, b) => b.updatedAt - a.updatedAt)[0];
      const task = await this.db.tasks.get([this.project.id, taskId]);
      const summaries = new Map(judgedVotes(votes).map((v) => [v.annotation.annotatorId, describeJudgement(v.judgement)]));
      items.push({
        taskId,
        text: task?.text ?? null,
        votes: votes.map((v) => ({ annotatorId: v.annotatorId, name: displayName(v), value: v.value, ...(compare ? { summary: summaries.get(v.annotatorId) ?? 'not a judgement' } : {}) })),
        review: review?.value ?? null,
        ...(task?.compare === undefined ? {} : { responses: task.compare.responses }),
      });
    }
    this.items = items.sort((a, b) => Number(a.review !== null) - Number(b.review !== null));
    this.loaded = true;
  }

  async resolve(taskId: string, value: string[]): Promise<void> {
    try {
      const row = await this.gate.run(() => writeAnnotation(this.db, { projectId: this.project.id, taskId, value, status: 'labelled', role: 'review' }));
      await this.keepCopy([row]);
      this.problem = null;
    } catch (error) {
      this.problem = `The final label was not stored: ${(error as Error).message}`;
    }
    await this.load();
  }
}
