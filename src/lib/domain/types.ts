// The words every floor of the app shares: what kind of task a project labels, its labels, a span, how the next task
// is chosen, what state an annotation is in. They sit at the bottom so the pure modules (formats, sync, learn,
// spans, labels) and the database rows all say them the same way without importing each other.

/** single/multi: classify the whole text; spans: mark stretches of it (NER); compare: judge model responses. */
export type TaskType = 'single' | 'multi' | 'spans' | 'compare';

export interface LabelDef {
  name: string;
  /** CSS colour from the Okabe–Ito palette, always shown beside the name. */
  color: string;
  /** One key: '1'–'9', then a letter. */
  hotkey: string;
  description?: string;
}

/** A marked stretch of a text: JavaScript string offsets (UTF-16 code units), end exclusive. */
export interface Span {
  start: number;
  end: number;
  label: string;
}

/** How the annotate screen picks the next task (see learn/sampling.ts). */
export const SAMPLING_STRATEGIES = ['sequential', 'random', 'least-confidence', 'margin', 'entropy', 'hybrid'] as const;
export type SamplingStrategy = (typeof SAMPLING_STRATEGIES)[number];

/** `retracted` is what undo leaves behind: a newer revision that says "no label", so merges never resurrect it. */
export type AnnotationStatus = 'labelled' | 'skipped' | 'retracted';

/** A review adjudicates a task; it is stored under the reviewer's own review identity. */
export type AnnotationRole = 'label' | 'review';
