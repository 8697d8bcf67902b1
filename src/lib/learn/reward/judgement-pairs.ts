// What a judgement teaches the Bradley–Terry head, as pairs of response ids.
//
// - "A is better" (with 3–4 responses: the winner over each other one) and a ranking (every response over each one
//   ranked below it, "full rank breaking") are wins.
// - A tie is a half-win each way: it says the two scores should be close, and the loss ½·log(1+e^−d) + ½·log(1+e^d)
//   pulls their difference d towards 0 (Rao–Kupper's tie model does the same with an extra parameter). Left out, a
//   project with many ties would train on the few clear cases only and stay overconfident where people hesitate.
// - "Both bad" is left out: both responses fall below the bar, which says nothing about their order.
import { preferredId, type Judgement } from '../../domain/compare';

export interface IdPair {
  winner: string;
  loser: string;
  weight: number;
}

export const TIE_WEIGHT = 0.5;

export function judgementPairs(judgement: Judgement): IdPair[] {
  const preference = judgement.preference;
  if (preference === null) return [];
  switch (preference.kind) {
    case 'better': {
      const winner = preferredId(judgement) as string;
      return judgement.shown.filter((id) => id !== winner).map((loser) => ({ winner, loser, weight: 1 }));
    }
    case 'ranking':
      return preference.ids.flatMap((winner, i) => preference.ids.slice(i + 1).map((loser) => ({ winner, loser, weight: 1 })));
    case 'tie':
      return judgement.shown.flatMap((a, i) =>
        judgement.shown.slice(i + 1).flatMap((b) => [
          { winner: a, loser: b, weight: TIE_WEIGHT },
          { winner: b, loser: a, weight: TIE_WEIGHT },
        ]),
      );
    case 'both-bad':
      return [];
  }
}
