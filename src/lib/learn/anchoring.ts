// The anchoring check (issue #19): does a suggestion on screen sway the annotator? On a seeded share of tasks it is
// hidden; agreement with the model there is what people conclude unprompted, to be set beside agreement where it
// was shown. Pure: decisions come in as plain values.
import { decodeJudgement, preferredId } from '../domain/compare';

/** A value in the terms a model suggests in: a compare judgement becomes [its preferred response] ([] if none). */
function inSuggestionTerms(value: readonly string[]): readonly string[] {
  if (value.length !== 1) return value;
  const judgement = decodeJudgement(value[0] as string);
  if (typeof judgement === 'string') return value;
  const id = preferredId(judgement);
  return id === null ? [] : [id];
}

/**
 * The decision chose what was suggested: labels in any order; compare judgements (or a suggested response id) by the
 * response preferred.
 */
export function agreesWithSuggestion(value: readonly string[], suggested: readonly string[]): boolean {
  const chosen = inSuggestionTerms(value);
  const proposed = inSuggestionTerms(suggested);
  return chosen.length === proposed.length && proposed.every((v) => chosen.includes(v));
}

/** One labelled decision made with a suggestion, shown or hidden. */
export interface SuggestedDecision {
  value: readonly string[];
  suggested: readonly string[];
  hidden: boolean;
}

export interface AgreementShare {
  decisions: number;
  agreed: number;
  /** agreed / decisions; null without decisions. */
  rate: number | null;
}

export interface AnchoringReport {
  shown: AgreementShare;
  hidden: AgreementShare;
  /** Shown rate minus hidden rate: how much more often people agree when they see the suggestion; null without both. */
  difference: number | null;
}

/** One annotator's figures, as the Model screen and `fieldlabel stats` list them. */
export interface AnnotatorAnchoring {
  annotatorId: string;
  annotatorName: string;
  report: AnchoringReport;
}

/** Every annotator's decisions together, and each annotator's. */
export interface AnchoringByAnnotator {
  all: AnchoringReport;
  annotators: AnnotatorAnchoring[];
}

/** The decisions grouped by who made them (in the order given to `annotatorOrder`), each group and all together. */
export function anchoringByAnnotator(decisions: readonly (SuggestedDecision & { annotatorId: string; annotatorName: string })[], annotatorOrder: (a: string, b: string) => number): AnchoringByAnnotator {
  const byAnnotator = new Map<string, { name: string; decisions: SuggestedDecision[] }>();
  for (const d of decisions) {
    const entry = byAnnotator.get(d.annotatorId) ?? { name: d.annotatorName, decisions: [] };
    entry.decisions.push(d);
    byAnnotator.set(d.annotatorId, entry);
  }
  return {
    all: anchoringReport(decisions),
    annotators: [...byAnnotator]
      .sort(([a], [b]) => annotatorOrder(a, b))
      .map(([annotatorId, { name, decisions: own }]) => ({ annotatorId, annotatorName: name, report: anchoringReport(own) })),
  };
}

export function anchoringReport(decisions: Iterable<SuggestedDecision>): AnchoringReport {
  const counts = { shown: { decisions: 0, agreed: 0 }, hidden: { decisions: 0, agreed: 0 } };
  for (const d of decisions) {
    const side = d.hidden ? counts.hidden : counts.shown;
    side.decisions++;
    if (agreesWithSuggestion(d.value, d.suggested)) side.agreed++;
  }
  const share = ({ decisions: n, agreed }: { decisions: number; agreed: number }): AgreementShare => ({ decisions: n, agreed, rate: n === 0 ? null : agreed / n });
  const shown = share(counts.shown);
  const hidden = share(counts.hidden);
  return { shown, hidden, difference: shown.rate === null || hidden.rate === null ? null : shown.rate - hidden.rate };
}
