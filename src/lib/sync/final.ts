// One label per task from everyone's annotations: a review decides; without one, the annotators' majority does (for a
// compare task, the majority preference keyed by response id, never by the position a response was shown in),
// and a draw is marked as such rather than broken silently, so a reviewer can find the tasks that need them.
import type { TaskType } from '../domain/types';
import { decodeSpans, encodeSpans } from '../spans/span-value';
import { judgedVotes, preferenceKey } from './compare-votes';
import { compareText, compareVersions, mergeAll } from './merge';
import { finalLabelToJson, reportToJson, type AgreementReport, type FinalLabel } from './report-types';
import { spanVotesByTask } from './span-agreement';
import type { SyncAnnotation } from './types';
import { singleChoice, votesByTask } from './votes';

const FINAL_FILE_TYPE = 'fieldlabel.final';
const FINAL_FILE_VERSION = 1;

/** For the annotations of one project, in any order and with any old versions; rows sorted by task id. */
export function finalLabels(annotations: readonly SyncAnnotation[], taskType: TaskType): FinalLabel[] {
  const current = mergeAll([annotations]);
  // A span annotation without spans is a vote for "nothing to mark", so it counts towards the majority.
  const votes = taskType === 'spans' ? spanVotesByTask(current) : votesByTask(taskType === 'compare' ? judgedVotes(current).map((v) => v.annotation) : current);
  const reviews = latestReviews(current, taskType);
  const taskIds = [...new Set([...votes.keys(), ...reviews.keys()])].sort(compareText);
  return taskIds.map((taskId) => {
    const taskVotes = votes.get(taskId) ?? [];
    const votesFor = tally(taskVotes, taskType);
    const review = reviews.get(taskId);
    // A task without votes has a review, by how taskIds was built.
    const decision = review === undefined ? decide(taskVotes, taskType, votesFor) : { value: [...review.value], source: 'review' as const };
    return { taskId, ...decision, votes: votesFor, annotators: taskVotes.length };
  });
}

/**
 * Reviews by task: of several reviewers, the one who decided last. A span review without spans is a decision
 * ("nothing to mark"); a classification review always names a label.
 */
function latestReviews(annotations: readonly SyncAnnotation[], taskType: TaskType): Map<string, SyncAnnotation> {
  const latest = new Map<string, SyncAnnotation>();
  for (const a of annotations) {
    if (a.role !== 'review' || a.status !== 'labelled' || (a.value.length === 0 && taskType !== 'spans')) continue;
    const kept = latest.get(a.taskId);
    // Reviewers' revisions count separately, so time decides between reviewers.
    if (kept === undefined || (a.updatedAt - kept.updatedAt || compareVersions(a, kept)) > 0) latest.set(a.taskId, a);
  }
  return latest;
}

/** Votes per option: a whole choice for single-label tasks, each label (or span) by itself for the others. */
function tally(votes: readonly SyncAnnotation[], taskType: TaskType): Record<string, number> {
  const counts = new Map<string, number>();
  for (const v of votes) {
    const options = taskType === 'single' ? [singleChoice(v.value)] : taskType === 'compare' ? preferenceOf(v) : new Set(v.value);
    for (const option of options) counts.set(option, (counts.get(option) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => compareText(a, b)));
}

type Decision = Pick<FinalLabel, 'value' | 'source' | 'tied'>;

/** A compare vote's preference keyed by response id ("better:r1"), or nothing when it states none. */
function preferenceOf(vote: SyncAnnotation): string[] {
  const [judgement] = judgedVotes([vote]);
  const key = judgement === undefined ? null : preferenceKey(judgement.judgement.preference);
  return key === null ? [] : [key];
}

/** Single-label and compare: the most common choice (a compare preference by response id). Multi-label and spans: each label or exact span chosen by more than half. */
function decide(votes: readonly SyncAnnotation[], taskType: TaskType, votesFor: Record<string, number>): Decision {
  const options = Object.keys(votesFor);
  const count = (option: string) => votesFor[option] as number;
  const source = votes.length === 1 ? 'single' : 'majority';
  if (taskType === 'single' || taskType === 'compare') {
    const top = Math.max(...options.map(count));
    const leaders = options.filter((option) => count(option) === top);
    // Judgements that state no preference (a rubric of ratings only) leave nothing to count: a reviewer decides.
    if (leaders.length !== 1) return { value: [], source: 'tie', tied: leaders };
    if (taskType === 'compare') {
      // The judgement of the first annotator (by id) who preferred so, with their ratings and correction.
      const winner = votes.find((v) => preferenceOf(v)[0] === leaders[0]) as SyncAnnotation;
      return { value: [...winner.value], source };
    }
    const winner = votes.find((v) => singleChoice(v.value) === leaders[0]) as SyncAnnotation;
    return { value: [...winner.value].sort(), source };
  }
  const kept = options.filter((label) => count(label) * 2 > votes.length);
  // The tally is in code-unit order ("10:…" before "2:…"); a span value is stored in span order (span-value.ts).
  const value = taskType === 'spans' ? encodeSpans(decodeSpans(kept)) : kept;
  const tied = options.filter((label) => count(label) * 2 === votes.length);
  return tied.length > 0 ? { value, source: 'tie', tied } : { value, source };
}

/** final.jsonl: a header with the agreement figures, then one line per task. Same input, same bytes. */
export function writeFinalFile(projectId: string, report: AgreementReport, rows: readonly FinalLabel[]): string {
  const header = { type: FINAL_FILE_TYPE, version: FINAL_FILE_VERSION, project_id: projectId, tasks: rows.length, agreement: reportToJson(report) };
  return [header, ...rows.map(finalLabelToJson)].map((line) => `${JSON.stringify(line)}\n`).join('');
}
