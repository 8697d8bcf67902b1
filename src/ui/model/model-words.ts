// What the Model screen calls the annotator's decisions and how it explains the figures and the ordering
// strategies, by task type: a compare project's decisions are judgements, and its model is sure or unsure of which
// response people prefer, not of a label.
import type { SamplingStrategy, TaskType } from '../../lib/db/rows';

export interface StrategyChoice {
  id: SamplingStrategy;
  name: string;
  hint: string;
}

export interface ModelWords {
  /** What one decision is called, plural ("labels", "judgements"). */
  decisions: string;
  accuracyNote: string;
  calibrationNote: string;
  /** Where the embedding pass's progress reads "Embedded … tasks": what a task's embedding covers. */
  embeddedWhat: string;
  nextHeading: string;
  strategies: StrategyChoice[];
}

const LABEL_WORDS: ModelWords = {
  decisions: 'labels',
  accuracyNote: 'Accuracy is cross-validated on your labels; it appears after 10 labels.',
  calibrationNote:
    'A suggestion shown at 80% should be right 4 times in 5. The confidence is calibrated on your labels, each predicted by a model that did not see it, and refitted every 10 labels.',
  embeddedWhat: 'tasks',
  nextHeading: 'What to label next',
  strategies: [
    { id: 'sequential', name: 'In file order', hint: 'Tasks in the order they were imported.' },
    { id: 'random', name: 'Random', hint: 'An unbiased sample: good for measuring.' },
    { id: 'least-confidence', name: 'Least confident first', hint: 'Where the model is least sure of its top label.' },
    { id: 'margin', name: 'Smallest margin first', hint: 'Where the top two labels are closest.' },
    { id: 'entropy', name: 'Highest entropy first', hint: 'Where the model spreads its belief most.' },
    { id: 'hybrid', name: 'Uncertain and diverse (recommended)', hint: 'Unsure but typical tasks from every cluster, plus some random ones.' },
  ],
};

const UNSURE_WHICH = 'Where the model is least sure which response people prefer.';

const JUDGEMENT_WORDS: ModelWords = {
  decisions: 'judgements',
  accuracyNote: 'Accuracy: how often the model prefers the response you preferred, on judgements it did not learn from; it appears after 10 judgements.',
  calibrationNote:
    'A preferred response shown at 80% should be the one you prefer 4 times in 5. The confidence is calibrated on your judgements, each predicted by a model that did not see it, and refitted every 10 judgements.',
  embeddedWhat: 'tasks (prompt and each response)',
  nextHeading: 'What to judge next',
  strategies: LABEL_WORDS.strategies.map((s) => {
    if (s.id === 'least-confidence' || s.id === 'margin') return { ...s, hint: UNSURE_WHICH };
    if (s.id === 'entropy') return { ...s, hint: 'Where the model spreads its belief most over the responses (with two, the same order as least confident).' };
    if (s.id === 'hybrid') return { ...s, hint: 'Pairs the model is unsure of, from every kind of task, plus some random ones.' };
    return s;
  }),
};

const SPAN_WORDS: ModelWords = {
  ...LABEL_WORDS,
  calibrationNote:
    "A suggestion shown at 80% should be right 4 times in 5. A suggested span's confidence is calibrated on the model's spans in the tasks you finished (kept exactly: right; changed or removed: wrong), refitted with each one, and held toward an even chance while they are few.",
};

export function modelWords(taskType: TaskType): ModelWords {
  if (taskType === 'compare') return JUDGEMENT_WORDS;
  return taskType === 'spans' ? SPAN_WORDS : LABEL_WORDS;
}
