// `fieldlabel stats` for a compare project: the preference figures (categories keyed by response id), each rating
// item's Krippendorff's α at three levels, each pair of annotators, and each annotator's position bias — the share of
// winners they picked from the left (A) beside the share chance gives, with the exact test's p-value, so a coordinator
// sees who always picks A.
import { firstChoicesByResponses, POSITION_BIAS_BELOW } from '../../lib/sync/position-bias';
import type { CompareReport } from '../../lib/sync/report-types';
import { figure, formatTable } from './stats-format';

export function compareTables(report: CompareReport): string {
  const p = report.preference;
  const preference = [
    ['preference', 'agreement', 'cohen', 'light', 'fleiss', 'kripp. α', 'gwet AC1'],
    ['by response id', ...[p.percentAgreement, p.cohenKappa, p.lightKappa, p.fleissKappa, p.krippendorffAlpha, p.gwetAc1].map(figure)],
  ];
  const ratings = [
    ['rating item', 'tasks', 'agreement', 'α nominal', 'α ordinal', 'α interval'],
    ...Object.entries(report.ratings).map(([item, r]) => [item, String(r.pairableTasks), ...[r.percentAgreement, r.alphaNominal, r.alphaOrdinal, r.alphaInterval].map(figure)]),
  ];
  const pairs = [['first', 'second', 'tasks', 'agreement', 'cohen'], ...report.pairs.map((x) => [...x.annotators, String(x.tasks), figure(x.percentAgreement), figure(x.cohenKappa)])];
  const bias = [
    ['annotator', 'name', 'choices', 'left (A)', 'share', 'chance', 'by responses', 'p-value', ''],
    ...report.positionBias.map((b) => [
      b.annotatorId,
      b.annotatorName,
      String(b.choices),
      String(b.first),
      figure(b.firstShare),
      figure(b.chanceShare),
      firstChoicesByResponses(b) || '-',
      b.pValue === null ? '-' : b.pValue.toPrecision(3),
      b.pValue !== null && b.pValue < POSITION_BIAS_BELOW ? 'position bias' : '',
    ]),
  ];
  const anchoringRows = [...report.anchoring.annotators.map((a) => [a.annotatorId, a.annotatorName, a.report] as const), ...(report.anchoring.annotators.length > 1 ? [['all', '', report.anchoring.all] as const] : [])];
  const anchoring = [
    ['annotator', 'name', 'shown', 'agreed', 'hidden', 'agreed', 'difference'],
    ...anchoringRows.map(([id, name, r]) => [id, name, String(r.shown.decisions), figure(r.shown.rate), String(r.hidden.decisions), figure(r.hidden.rate), figure(r.difference)]),
  ];
  return [
    formatTable(preference),
    ratings.length > 1 ? `\nRatings\n${formatTable(ratings)}` : '',
    `\nPairs\n${formatTable(pairs)}`,
    `\nPosition bias (best response shown first; chance is 1 in the number shown; exact two-sided test over all the judgements)\n${formatTable(bias)}`,
    anchoringRows.length > 0 ? `\nAnchoring (agreement with the model's suggestion where it was shown and where it was hidden)\n${formatTable(anchoring)}` : '',
  ].join('');
}

