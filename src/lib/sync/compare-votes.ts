// What a compare judgement counts as when judgements are tallied (agreement, final labels, review): its preference as
// one category keyed by response id, never by position — "r1 is better" from an annotator who saw r1 as A and one who
// saw it as B is the same vote.
import { decodeJudgement, type Judgement, type Preference } from '../domain/compare';
import type { SyncAnnotation } from './types';
import { isVote } from './votes';

export interface JudgedVote {
  annotation: SyncAnnotation;
  judgement: Judgement;
}

/** The votes among `annotations` (merged: one per annotator and task) that hold a judgement, as judgements. */
export function judgedVotes(annotations: readonly SyncAnnotation[]): JudgedVote[] {
  const votes: JudgedVote[] = [];
  for (const annotation of annotations) {
    if (!isVote(annotation)) continue;
    const judgement = decodeJudgement(annotation.value[0] as string);
    // Values are checked against the project before they are stored; one that is no judgement has no vote to give.
    if (typeof judgement !== 'string') votes.push({ annotation, judgement });
  }
  return votes;
}

/** "better:r1", "tie", "both-bad", 'ranking:["r2","r1","r3"]'; null when the judgement states no preference. */
export function preferenceKey(preference: Preference | null): string | null {
  if (preference === null) return null;
  switch (preference.kind) {
    case 'better':
      return `better:${preference.id}`;
    case 'ranking':
      return `ranking:${JSON.stringify(preference.ids)}`;
    default:
      return preference.kind;
  }
}

/** A preference as a person reads it: "r1 better", "tie", "both bad", "r2 > r1 > r3", "no preference". */
export function describePreference(preference: Preference | null): string {
  if (preference === null) return 'no preference';
  switch (preference.kind) {
    case 'better':
      return `${preference.id} better`;
    case 'ranking':
      return preference.ids.join(' > ');
    case 'both-bad':
      return 'both bad';
    default:
      return preference.kind;
  }
}

/** The letter a response was shown under: A for the first shown. */
export function positionLetter(shown: readonly string[], id: string): string {
  const at = shown.indexOf(id);
  return at < 0 ? '?' : String.fromCharCode(65 + at);
}

/** One line for a reviewer: "r1 better (shown as B) · Helpful 4 · corrected r1 · “too long”". */
export function describeJudgement(judgement: Judgement): string {
  const winner = judgement.preference?.kind === 'better' ? judgement.preference.id : null;
  const parts = [winner === null ? describePreference(judgement.preference) : `${winner} better (shown as ${positionLetter(judgement.shown, winner)})`];
  for (const [item, value] of Object.entries(judgement.ratings)) parts.push(`${item} ${value}`);
  if (judgement.correction !== null) parts.push(`corrected ${judgement.correction.id}`);
  if (judgement.rationale.trim() !== '') parts.push(`“${judgement.rationale.trim()}”`);
  return parts.join(' · ');
}
