// What the annotate screen offers beside a task's text: the suggestion (an imported file's pre-annotation, else the
// model's guess) and whatever else the task type fetches ahead (a span task's slow span sources). It is fetched beside
// the task, never in its way: a model busy retraining must not hold the next task back.
import type { AnnotationRow, TaskRow } from '../db/rows';
import type { Suggestion } from '../model/api';
import type { Assistant } from './assistant';
import type { Prelabels } from './prelabels';

/** `extra`: what the task type fetched ahead for the task, null when it fetches nothing or failed. */
export interface Advice<Extra> {
  suggestion: Suggestion | null;
  extra: Extra | null;
}

export const NO_ADVICE: Advice<never> = { suggestion: null, extra: null };

/** A task ready to show: its annotation is known; its advice may still be on its way (`ready` is null until then). */
export interface Prepared<Extra> {
  task: TaskRow;
  annotation: AnnotationRow | undefined;
  advice: Promise<Advice<Extra>>;
  ready: Advice<Extra> | null;
}

export function prepared<Extra>(task: TaskRow, annotation: AnnotationRow | undefined, advice: Promise<Advice<Extra>>): Prepared<Extra> {
  const entry: Prepared<Extra> = { task, annotation, advice, ready: null };
  void advice.then((value) => {
    entry.ready = value;
  });
  return entry;
}

/** Where a task type's advice comes from: the whole-task suggestion and what else it fetches ahead. */
export interface AdviceSources<Extra> {
  suggestion: (task: TaskRow) => Promise<Suggestion | null>;
  extra: (task: TaskRow) => Promise<Extra | null>;
}

export class Advisor<Extra> {
  private readonly sources: AdviceSources<Extra>;

  constructor(sources: AdviceSources<Extra>) {
    this.sources = sources;
  }

  /** Never rejects: a model or read problem leaves the task without advice, never without the task. */
  async advise(task: TaskRow): Promise<Advice<Extra>> {
    const [suggestion, extra] = await Promise.all([this.sources.suggestion(task).catch(() => null), this.sources.extra(task).catch(() => null)]);
    return { suggestion, extra };
  }
}

/**
 * A pre-annotation that came with the task's file wins over the model's guess: it was made for exactly this text
 * (as in span projects, see suggestions.ts). `fromFile` turns the file's value into the type's (a single label keeps
 * the first).
 */
export async function fileOrModelSuggestion(
  task: TaskRow,
  prelabels: Prelabels,
  assistant: Assistant | null,
  fromFile: (value: string[]) => string[] = (value) => value,
): Promise<Suggestion | null> {
  const prelabel = await prelabels.of(task.id);
  if (prelabel && prelabel.value.length > 0) {
    return { taskId: task.id, value: fromFile(prelabel.value), confidence: prelabel.score ?? 0, scores: [], modelVersion: `file:${prelabel.source}` };
  }
  return assistant ? assistant.suggest(task.id) : null;
}
