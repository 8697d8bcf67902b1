// Every task type a project can have, by its stored name: what people call it and what it asks of them. The new
// project form, the project list and the importer read this one list.
import type { TaskType } from './types';

export interface TaskTypeInfo {
  /** As the new-project form offers it. */
  option: string;
  /** As a project card shows it. */
  short: string;
  help: string;
}

export const TASK_TYPES: Record<TaskType, TaskTypeInfo> = {
  single: { option: 'Single label', short: 'Single label', help: 'Each text gets exactly one label; a key press labels and moves on.' },
  multi: { option: 'Multi label', short: 'Multi label', help: 'Each text can get several labels; keys toggle them, Enter submits.' },
  spans: {
    option: 'Spans (names, places, …)',
    short: 'Spans',
    help: 'Mark stretches of each text: select words with the arrow keys, mouse or touch, then press a label key.',
  },
  compare: {
    option: 'Compare responses',
    short: 'Compare responses',
    help: 'Judge what a model wrote: which of two to four responses is better, rate them, correct the chosen one.',
  },
};

/** The task types a new project can be made with, in the form's order; a type joins once its annotate screen exists. */
export const CREATABLE_TASK_TYPES: readonly TaskType[] = ['single', 'multi', 'spans', 'compare'];
