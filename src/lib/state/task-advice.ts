// What the annotate screen offers beside a task's text: the suggestion (an imported file's pre-annotation, else the
// model's guess) and, for span tasks, the spans from slow sources. It is fetched beside the task, never in its way:
// a model busy retraining must not hold the next task back.
import type { AnnotationRow, ProjectRow, TaskRow } from '../db/rows';
import type { Suggestion } from '../model/api';
import type { Assistant } from './assistant';
import type { Prelabels } from './prelabels';
import type { PrefetchedSpans, SpanSuggester } from './span-suggester';

export interface Advice {
  suggestion: Suggestion | null;
  spanSources: PrefetchedSpans | null;
}

export const NO_ADVICE: Advice = { suggestion: null, spanSources: null };

/** A task ready to show: its annotation is known; its advice may still be on its way (`ready` is null until then). */
export interface Prepared {
  task: TaskRow;
  annotation: AnnotationRow | undefined;
  advice: Promise<Advice>;
  ready: Advice | null;
}

export function prepared(task: TaskRow, annotation: AnnotationRow | undefined, advice: Promise<Advice>): Prepared {
  const entry: Prepared = { task, annotation, advice, ready: null };
  void advice.then((value) => {
    entry.ready = value;
  });
  return entry;
}

export class Advisor {
  private readonly prelabels: Prelabels;
  private readonly project: ProjectRow;
  private readonly assistant: Assistant | null;
  private readonly spanSuggester: SpanSuggester | null;

  constructor(prelabels: Prelabels, project: ProjectRow, assistant: Assistant | null, spanSuggester: SpanSuggester | null) {
    this.prelabels = prelabels;
    this.project = project;
    this.assistant = assistant;
    this.spanSuggester = spanSuggester;
  }

  /** Never rejects: a model or read problem leaves the task without advice, never without the task. */
  async advise(task: TaskRow): Promise<Advice> {
    const [suggestion, spanSources] = await Promise.all([
      this.suggestionFor(task).catch(() => null),
      this.spanSuggester ? this.spanSuggester.prefetch(task).catch(() => null) : null,
    ]);
    return { suggestion, spanSources };
  }

  /**
   * A pre-annotation that came with the task's file wins over the model's guess: it was made for exactly this text
   * (as in span projects, see suggestions.ts).
   */
  private async suggestionFor(task: TaskRow): Promise<Suggestion | null> {
    if (this.spanSuggester) return null;
    const prelabel = await this.prelabels.of(task.id);
    if (prelabel && prelabel.value.length > 0) {
      const value = this.project.taskType === 'single' ? prelabel.value.slice(0, 1) : prelabel.value;
      return { taskId: task.id, value, confidence: prelabel.score ?? 0, scores: [], modelVersion: `file:${prelabel.source}` };
    }
    return this.assistant ? this.assistant.suggest(task.id) : null;
  }
}
