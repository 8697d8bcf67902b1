// Agreement on spans, as exact-match F1 between annotators: two spans agree only when start, end and label are all
// the same. For a pair of annotators A and B, over the tasks both labelled, the spans are pooled across tasks
// (micro-averaged): F1 = 2·|A∩B| / (|A| + |B|). F1 needs no count of "places nobody marked", which is why it, and
// not a chance-corrected coefficient, is the measure for spans (Hripcsak & Rothschild, JAMIA 12(3), 2005).
//
// Conventions:
// - When neither of a pair marked anything on the tasks they share, F1 is 1: they agree there is nothing to mark.
//   The same holds per label, so a label neither of them used scores 1 on their shared tasks.
// - F1 is null only where no two annotators labelled a common task.
// - Per label and overall, the pairs' counts are added up before dividing, which is the mean of the pairs' F1
//   weighted by the spans each pair marked (|A| + |B|): a pair that shares one short task weighs little.
import { decodeSpans, encodeSpan } from '../spans/span-value';
import { compareText, mergeAll } from './merge';
import type { SpanAgreement, SpanAnnotatorCounts, SpanMatch, SpanPair } from './report-types';
import type { SyncAnnotation } from './types';

/**
 * A span vote is a label-role annotation with status "labelled", spans or none: an annotator who finished a text
 * without marking anything said "nothing here", which is an opinion, unlike a skip (see votes.ts for classification).
 */
export function isSpanVote(a: SyncAnnotation): boolean {
  return a.role === 'label' && a.status === 'labelled';
}

/** Span votes by task id, for the merged annotations of one project. */
export function spanVotesByTask(annotations: readonly SyncAnnotation[]): Map<string, SyncAnnotation[]> {
  const byTask = new Map<string, SyncAnnotation[]>();
  for (const a of annotations) {
    if (!isSpanVote(a)) continue;
    const votes = byTask.get(a.taskId);
    if (votes === undefined) byTask.set(a.taskId, [a]);
    else votes.push(a);
  }
  return byTask;
}

/** One annotator's spans on one task: the encoded span (its identity for exact matching) to its label. */
type MarkedSpans = Map<string, string>;

/** For the annotations of one project, in any order and with any old versions: only the current ones count. */
export function spanAgreement(annotations: readonly SyncAnnotation[], projectLabels: readonly string[] = []): SpanAgreement {
  const byAnnotator = new Map<string, Map<string, MarkedSpans>>();
  for (const a of mergeAll([annotations]).filter(isSpanVote)) {
    let tasks = byAnnotator.get(a.annotatorId);
    if (tasks === undefined) byAnnotator.set(a.annotatorId, (tasks = new Map()));
    // Re-encoding gives the canonical form, so a hand-edited "007:10:PER" still matches "7:10:PER", once.
    tasks.set(a.taskId, new Map(decodeSpans(a.value).map((span) => [encodeSpan(span), span.label])));
  }
  const labels = new Set(projectLabels);
  for (const tasks of byAnnotator.values()) for (const spans of tasks.values()) for (const label of spans.values()) labels.add(label);
  const labelList = [...labels].sort(compareText);
  const ids = [...byAnnotator.keys()].sort(compareText);
  const pairs: SpanPair[] = [];
  for (const [i, first] of ids.entries()) {
    for (const second of ids.slice(i + 1)) {
      const pair = pairAgreement(first, second, byAnnotator.get(first) as Map<string, MarkedSpans>, byAnnotator.get(second) as Map<string, MarkedSpans>, labelList);
      if (pair !== null) pairs.push(pair);
    }
  }
  const pooled = (pick: (pair: SpanPair) => SpanMatch) => spanMatch(sum(pairs.map((p) => pick(p).matched)), sum(pairs.map((p) => pick(p).marked)), pairs.length > 0);
  return {
    overall: pooled((pair) => pair),
    perLabel: Object.fromEntries(labelList.map((label) => [label, pooled((pair) => pair.perLabel[label] as SpanMatch)])),
    pairs,
    annotators: ids.map((id) => annotatorCounts(id, byAnnotator.get(id) as Map<string, MarkedSpans>)),
  };
}

/** Null when the two never labelled the same task. */
function pairAgreement(first: string, second: string, a: Map<string, MarkedSpans>, b: Map<string, MarkedSpans>, labels: readonly string[]): SpanPair | null {
  const counts = new Map(labels.map((label) => [label, { matched: 0, marked: 0 }]));
  const count = (label: string) => counts.get(label) as { matched: number; marked: number };
  let tasks = 0;
  let spansA = 0;
  let spansB = 0;
  let matched = 0;
  for (const [taskId, spans] of a) {
    const other = b.get(taskId);
    if (other === undefined) continue;
    tasks++;
    spansA += spans.size;
    spansB += other.size;
    for (const [key, label] of spans) {
      count(label).marked++;
      if (other.has(key)) {
        matched++;
        count(label).matched++;
      }
    }
    for (const label of other.values()) count(label).marked++;
  }
  if (tasks === 0) return null;
  return {
    annotators: [first, second],
    tasks,
    spans: [spansA, spansB],
    ...spanMatch(matched, spansA + spansB, true),
    perLabel: Object.fromEntries(labels.map((label) => [label, spanMatch(count(label).matched, count(label).marked, true)])),
  };
}

function spanMatch(matched: number, marked: number, shared: boolean): SpanMatch {
  return { matched, marked, f1: !shared ? null : marked === 0 ? 1 : (2 * matched) / marked };
}

function annotatorCounts(id: string, tasks: Map<string, MarkedSpans>): SpanAnnotatorCounts {
  const perLabel = new Map<string, number>();
  let spans = 0;
  for (const marked of tasks.values()) {
    spans += marked.size;
    for (const label of marked.values()) perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  }
  return { id, tasks: tasks.size, spans, perLabel: Object.fromEntries([...perLabel].sort(([x], [y]) => compareText(x, y))) };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
