// The annotator's labels made with a suggestion, shown or hidden: what the anchoring check (learn/anchoring.ts) counts.
import type { SuggestedDecision } from '../learn/anchoring';
import type { FieldlabelDb } from './database';

export async function suggestedDecisions(db: FieldlabelDb, projectId: string, annotatorId: string): Promise<SuggestedDecision[]> {
  const decisions: SuggestedDecision[] = [];
  await db.annotations
    .where('[projectId+annotatorId+status]')
    .equals([projectId, annotatorId, 'labelled'])
    .each((row) => {
      if (row.suggestion) decisions.push({ value: row.value, suggested: row.suggestion.value, hidden: row.suggestion.hidden === true });
    });
  return decisions;
}
