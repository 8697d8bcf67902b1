// The confidence of the token classifier's spans, as the worker shows it: calibrated per project on what the
// annotator made of the model's spans (learn/span-calibration.ts). A task counts once it is finished (Done, or left
// after its spans were edited: the annotate session tells the worker then): each span the model gives it is right
// if the final spans hold it exactly, wrong if they changed or dropped it. The spans are the model's own on that
// task, whether or not another source's suggestion hid one: the final spans are the annotator's answer for the
// whole text.
//
// Finished tasks come from two places: the annotator's decisions read when the project opens (judged again by
// each token classifier made active, the latest REPLAYED_TASKS of them, in the background) and each task finished
// from then on (judged as it is recorded).
import type { AnnotationStatus } from '../db/rows';
import type { ConfidenceReport } from '../learn/confidence-tracker';
import { SpanCalibration } from '../learn/span-calibration';
import { encodeSpan } from '../spans/span-value';
import type { ModelSpan } from './api';

/** How many of the latest finished tasks a newly active token classifier is judged on: seconds of tagging at most. */
export const REPLAYED_TASKS = 100;

export class SpanConfidence {
  private readonly calibration = new SpanCalibration();
  /** Final span values of finished tasks, the latest last. */
  private readonly finished = new Map<string, readonly string[]>();
  /** Tasks whose spans the active model was judged on: a task re-finished later is not counted twice. */
  private readonly judged = new Set<string>();

  /** A decision on a span task: only `labelled` is finished; a skip, undo or removal of every span takes it back. */
  record(taskId: string, value: readonly string[], status: AnnotationStatus): void {
    this.finished.delete(taskId);
    if (status === 'labelled') this.finished.set(taskId, value);
  }

  /** The model's spans as the annotator sees them: calibrated confidences. */
  shown(spans: readonly ModelSpan[]): ModelSpan[] {
    return spans.map((span) => ({ ...span, confidence: this.calibration.apply(span.confidence) }));
  }

  /** Judges the model's raw spans on a task, if the task is finished and was not judged yet. */
  judge(taskId: string, spans: readonly ModelSpan[]): boolean {
    const final = this.finished.get(taskId);
    if (final === undefined || this.judged.has(taskId)) return false;
    this.judged.add(taskId);
    const kept = new Set(final);
    this.calibration.observe(spans.map((span) => ({ raw: span.confidence, right: kept.has(encodeSpan(span)) })));
    return true;
  }

  /**
   * A token classifier became active: what was learned about another model goes, and this one is judged on the
   * latest finished tasks. `tag` gives the model's raw spans (null: the model cannot answer now).
   */
  async rejudge(tag: (taskId: string) => Promise<readonly ModelSpan[] | null>, isCancelled: () => boolean): Promise<void> {
    this.calibration.reset();
    this.judged.clear();
    const latest = [...this.finished.keys()].slice(-REPLAYED_TASKS);
    for (const taskId of latest) {
      const spans = await tag(taskId);
      if (isCancelled()) return;
      if (spans) this.judge(taskId, spans);
    }
  }

  report(): ConfidenceReport {
    return this.calibration.report();
  }
}
