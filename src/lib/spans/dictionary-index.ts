// The annotator's dictionary (matched by dictionary.ts), kept up to date edit by edit. Building it again from every
// earlier span after each edit took 0.3 s over 18,000 labelled documents (108,000 spans) in Node, on the main thread
// at every pause in labelling; an edit now touches only the phrases of the task it changed.
import { addPhrase, phraseTree, spanPhrase, type DictionaryEntry, type SpanDictionary } from './dictionary';
import type { Span } from './span-value';

interface Tally {
  count: number;
  /** Order of the latest occurrence: a tie between labels goes to the one used most recently. */
  last: number;
}

/** Per phrase key, per label, per task: how often the task gave the phrase that label, and when last. */
type Uses = Map<string, Map<string, Map<string, Tally>>>;

/** Orders are (task, span) pairs in one number: a task's spans never reach this many. */
const SPANS_PER_TASK = 2 ** 20;

interface TaskUses {
  /** When the task was first set: ties between labels go to the phrase's latest use, task by task in this order. */
  seq: number;
  phrases: { exactKey: string; foldedKey: string; label: string }[];
}

export class DictionaryIndex implements SpanDictionary {
  readonly exact = new Map<string, string>();
  readonly folded = new Map<string, string>();
  readonly phrases = phraseTree();
  private readonly exactUses: Uses = new Map();
  private readonly foldedUses: Uses = new Map();
  /** Folded keys already in the phrase tree. A phrase no span uses any more stays there and matches no label. */
  private readonly known = new Set<string>();
  private readonly tasks = new Map<string, TaskUses>();
  private nextSeq = 0;
  /** Phrase keys whose uses changed since their winning label was last worked out (see add and settle). */
  private readonly undecidedExact = new Set<string>();
  private readonly undecidedFolded = new Set<string>();

  /**
   * The task's spans are now `spans`, replacing what it had. The dictionary is then the one buildDictionary gives
   * over every task's current spans, the tasks in the order each was first set.
   */
  set(taskId: string, text: string, spans: readonly Span[]): void {
    this.setAll([{ taskId, text, spans }]);
  }

  /**
   * set() for many tasks, in order. The winning labels are worked out once at the end: a phrase used in thousands
   * of tasks is not counted again after each of them.
   */
  setAll(tasks: Iterable<{ taskId: string; text: string; spans: readonly Span[] }>): void {
    this.add(tasks);
    this.settle();
  }

  /**
   * setAll without working out the winning labels: until settle() has run, the labels are those of before. A
   * large dictionary is read in steps of add() and then settle() a few thousand phrases at a time, each step short
   * enough not to hold up the page.
   */
  add(tasks: Iterable<{ taskId: string; text: string; spans: readonly Span[] }>): void {
    for (const { taskId, text, spans } of tasks) this.replace(taskId, text, spans);
  }

  /** Works out the winning labels of at most `limit` phrase keys added since; true once none is left. */
  settle(limit = Infinity): boolean {
    let left = limit;
    for (const [undecided, winners, uses] of [
      [this.undecidedExact, this.exact, this.exactUses],
      [this.undecidedFolded, this.folded, this.foldedUses],
    ] as const) {
      for (const key of undecided) {
        if (left-- <= 0) return false;
        decide(winners, uses, key);
        undecided.delete(key);
      }
    }
    return true;
  }

  private replace(taskId: string, text: string, spans: readonly Span[]): void {
    const touchedExact = this.undecidedExact;
    const touchedFolded = this.undecidedFolded;
    const old = this.tasks.get(taskId);
    const seq = old?.seq ?? this.nextSeq++;
    for (const { exactKey, foldedKey, label } of old?.phrases ?? []) {
      this.exactUses.get(exactKey)?.get(label)?.delete(taskId);
      this.foldedUses.get(foldedKey)?.get(label)?.delete(taskId);
      touchedExact.add(exactKey);
      touchedFolded.add(foldedKey);
    }
    const phrases: TaskUses['phrases'] = [];
    spans.forEach((span, i) => {
      const found = spanPhrase(text, span);
      if (found === null) return;
      const order = seq * SPANS_PER_TASK + i;
      use(this.exactUses, found.exactKey, span.label, taskId, order);
      use(this.foldedUses, found.foldedKey, span.label, taskId, order);
      touchedExact.add(found.exactKey);
      touchedFolded.add(found.foldedKey);
      phrases.push({ exactKey: found.exactKey, foldedKey: found.foldedKey, label: span.label });
      if (this.known.has(found.foldedKey)) return;
      this.known.add(found.foldedKey);
      addPhrase(this.phrases, found.phrase);
    });
    this.tasks.set(taskId, { seq, phrases });
  }
}

/** `entries` oldest first: when a phrase was given two labels equally often, the later one wins. */
export function buildDictionary(entries: readonly DictionaryEntry[]): SpanDictionary {
  const index = new DictionaryIndex();
  index.setAll(entries.map(({ text, spans }, i) => ({ taskId: String(i), text, spans })));
  return index;
}

/** The label a phrase was given most often; between equals, the one given most recently. */
function winningLabel(labels: Iterable<[string, Tally]>): string | undefined {
  let best: [string, Tally] | null = null;
  for (const candidate of labels) {
    const [, t] = candidate;
    if (best === null || t.count > best[1].count || (t.count === best[1].count && t.last > best[1].last)) best = candidate;
  }
  return best?.[0];
}

function use(uses: Uses, key: string, label: string, taskId: string, order: number): void {
  const labels = uses.get(key) ?? new Map<string, Map<string, Tally>>();
  uses.set(key, labels);
  const tasks = labels.get(label) ?? new Map<string, Tally>();
  labels.set(label, tasks);
  const tally = tasks.get(taskId);
  tasks.set(taskId, { count: (tally?.count ?? 0) + 1, last: Math.max(tally?.last ?? order, order) });
}

/** Sets `key`'s winning label from its uses over all tasks, or removes it when no task uses it any more. */
function decide(winners: Map<string, string>, uses: Uses, key: string): void {
  const labels = uses.get(key);
  const totals: [string, Tally][] = [];
  for (const [label, tasks] of labels ?? []) {
    if (tasks.size === 0) {
      labels?.delete(label);
      continue;
    }
    let count = 0;
    let last = -1;
    for (const tally of tasks.values()) {
      count += tally.count;
      last = Math.max(last, tally.last);
    }
    totals.push([label, { count, last }]);
  }
  const winner = winningLabel(totals);
  if (winner === undefined) {
    winners.delete(key);
    uses.delete(key);
  } else {
    winners.set(key, winner);
  }
}
