// Agreement in a compare project. The preference is one nominal judgement per task, its category keyed by response id
// (compare-votes.ts), so two annotators who saw the responses in different orders and chose the same one agree. Each
// rubric item's ratings are numbers on a scale: Krippendorff's α is given at the nominal, ordinal and interval levels,
// as a coordinator may read the scale either way. A model's judge (its suggestions, or an annotator the file named
// after it) is compared with each person in `pairs`, as one more annotator; the project's figures are the people's.
import { agreementFigures, type Rating } from './agreement';
import { anchoringOfAnnotations } from './anchoring-decisions';
import { krippendorffAlphaAt, type NumericRating } from './alpha';
import { judgedVotes, preferenceKey, type JudgedVote } from './compare-votes';
import { compareText, mergeAll } from './merge';
import { positionBias } from './position-bias';
import type { CompareReport, PreferencePair, RatingAgreement } from './report-types';
import type { SyncAnnotation } from './types';

/**
 * For the annotations of one compare project, in any order and with any old versions. `judge`: the model's judgements
 * as annotations of their own annotator id, compared with each person and left out of the project's figures.
 */
export function compareAgreement(annotations: readonly SyncAnnotation[], judge: readonly SyncAnnotation[] = []): CompareReport {
  const people = judgedVotes(mergeAll([annotations]));
  const preferences = preferenceRatings(people);
  const byTask = new Map<string, number>();
  for (const { annotation } of people) byTask.set(annotation.taskId, (byTask.get(annotation.taskId) ?? 0) + 1);
  return {
    taskType: 'compare',
    tasks: byTask.size,
    pairableTasks: [...byTask.values()].filter((n) => n >= 2).length,
    annotators: new Set(people.map((v) => v.annotation.annotatorId)).size,
    preference: agreementFigures(preferences),
    ratings: ratingAgreement(people),
    pairs: preferencePairs([...preferences, ...preferenceRatings(judgedVotes(mergeAll([judge])))]),
    positionBias: positionBias(annotations),
    anchoring: anchoringOfAnnotations(annotations),
  };
}

function preferenceRatings(votes: readonly JudgedVote[]): Rating[] {
  return votes.flatMap(({ annotation, judgement }) => {
    const key = preferenceKey(judgement.preference);
    return key === null ? [] : [{ unit: annotation.taskId, annotator: annotation.annotatorId, value: key }];
  });
}

function ratingAgreement(votes: readonly JudgedVote[]): Record<string, RatingAgreement> {
  const byItem = new Map<string, NumericRating[]>();
  for (const { annotation, judgement } of votes) {
    for (const [item, value] of Object.entries(judgement.ratings)) {
      const list = byItem.get(item) ?? [];
      list.push({ unit: annotation.taskId, annotator: annotation.annotatorId, value });
      byItem.set(item, list);
    }
  }
  // fromEntries defines properties, so an item named "__proto__" stays an item.
  return Object.fromEntries(
    [...byItem].sort(([a], [b]) => compareText(a, b)).map(([item, ratings]) => {
      const perUnit = new Map<string, number>();
      for (const r of ratings) perUnit.set(r.unit, (perUnit.get(r.unit) ?? 0) + 1);
      const agreement: RatingAgreement = {
        pairableTasks: [...perUnit.values()].filter((n) => n >= 2).length,
        percentAgreement: agreementFigures(ratings.map((r) => ({ ...r, value: String(r.value) }))).percentAgreement,
        alphaNominal: krippendorffAlphaAt(ratings, 'nominal'),
        alphaOrdinal: krippendorffAlphaAt(ratings, 'ordinal'),
        alphaInterval: krippendorffAlphaAt(ratings, 'interval'),
      };
      return [item, agreement];
    }),
  );
}

/** Every pair of annotators who judged a task in common: the share of those tasks they preferred alike, and Cohen's κ. */
function preferencePairs(ratings: readonly Rating[]): PreferencePair[] {
  const byAnnotator = new Map<string, Rating[]>();
  for (const r of ratings) {
    const list = byAnnotator.get(r.annotator);
    if (list === undefined) byAnnotator.set(r.annotator, [r]);
    else list.push(r);
  }
  const ids = [...byAnnotator.keys()].sort(compareText);
  const pairs: PreferencePair[] = [];
  for (const [i, first] of ids.entries()) {
    for (const second of ids.slice(i + 1)) {
      const a = byAnnotator.get(first) as Rating[];
      const b = byAnnotator.get(second) as Rating[];
      const unitsOfB = new Set(b.map((r) => r.unit));
      const shared = new Set(a.map((r) => r.unit).filter((unit) => unitsOfB.has(unit)));
      if (shared.size === 0) continue;
      const figures = agreementFigures([...a, ...b].filter((r) => shared.has(r.unit)));
      pairs.push({ annotators: [first, second], tasks: shared.size, percentAgreement: figures.percentAgreement, cohenKappa: figures.cohenKappa });
    }
  }
  return pairs;
}

/** The model's suggested judgements as the votes of one more annotator, `judge:<where they came from>`. */
export function judgeAnnotations(projectId: string, suggestions: readonly { taskId: string; value: string[]; source: string }[]): SyncAnnotation[] {
  return suggestions.map((s) => ({
    projectId,
    taskId: s.taskId,
    annotatorId: `judge:${s.source}`,
    annotatorName: `${s.source} (model)`,
    role: 'label',
    value: s.value,
    status: 'labelled',
    createdAt: 0,
    updatedAt: 0,
    revision: 0,
    deviceId: 'judge',
  }));
}
