// Typed test data for compare projects: a rubric, tasks with responses, judgements as stored values.
import { encodeJudgement, type CompareContent, type Judgement, type Preference, type Rubric } from '../../../src/lib/domain/compare';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { vote } from './factories';

export const RUBRIC: Rubric = {
  preference: true,
  ratings: [
    { name: 'Helpful', scale: 5, descriptions: ['useless', 'weak', 'fair', 'good', 'excellent'], required: true },
    { name: 'Harmless', scale: 3, descriptions: ['harmful', 'borderline', 'harmless'], required: false },
  ],
  correction: true,
  rationale: true,
  hiddenSuggestionShare: 0.1,
};

export function compareContent(responseIds: readonly string[] = ['r1', 'r2']): CompareContent {
  return {
    messages: [
      { role: 'system', content: 'You answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    responses: responseIds.map((id, i) => ({ id, text: `Answer ${i + 1}: **Paris**.\n\n\`\`\`js\nconsole.log("Paris")\n\`\`\``, ...(i === 0 ? { model: 'gpt-x' } : {}) })),
  };
}

/** A judgement with nothing but a preference, shown in `shown` order. */
export function judgement(shown: readonly string[], preference: Preference | null, more: Partial<Judgement> = {}): Judgement {
  return { shown: [...shown], preference, ratings: {}, correction: null, rationale: '', ...more };
}

/** A compare vote: `annotatorId` judged `taskId`. */
export function judged(taskId: string, annotatorId: string, j: Judgement, overrides: Partial<SyncAnnotation> = {}): SyncAnnotation {
  return vote(taskId, annotatorId, [encodeJudgement(j)], overrides);
}

export const better = (id: string): Preference => ({ kind: 'better', id });
