import { describe, expect, it } from 'vitest';
import type { Judgement, Rubric } from '../../../../src/lib/domain/compare';
import type { CompareDoc, CompareJudgementRecord } from '../../../../src/lib/formats/compare/compare-doc';
import { DEFAULT_KTO_RULE, ktoRuleFor, ktoRuleProblem } from '../../../../src/lib/formats/compare/kto';
import { writeSummary } from '../../../../src/lib/formats/compare/pairs';
import { readCompareFile, writeCompareFile } from '../../../../src/lib/formats/compare/registry';

const rubric: Rubric = {
  preference: true,
  ratings: [{ name: 'Helpful', scale: 5, descriptions: ['1', '2', '3', '4', '5'], required: false }],
  correction: true,
  rationale: true,
  hiddenSuggestionShare: 0.1,
};

function judged(annotator: string, judgement: Partial<Judgement>, extra: Partial<CompareJudgementRecord> = {}): CompareJudgementRecord {
  return {
    annotator,
    status: 'labelled',
    judgement: { shown: ['b', 'a'], preference: null, ratings: {}, correction: null, rationale: '', ...judgement },
    createdAt: Date.UTC(2026, 11, 7, 9, 0, 0, 123),
    updatedAt: Date.UTC(2026, 11, 7, 9, 1),
    suggestion: null,
    suggestionOutcome: null,
    ...extra,
  };
}

const plain: CompareDoc = {
  id: 't1',
  line: null,
  content: { messages: [{ role: 'user', content: 'Capital of France?' }], responses: [{ id: 'a', text: 'Paris.' }, { id: 'b', text: 'Lyon.', model: 'small' }] },
  meta: { topic: 'geo' },
  judgements: [
    judged('ann', { preference: { kind: 'better', id: 'a' }, ratings: { Helpful: 5 }, correction: { id: 'a', text: 'Paris, on the Seine.' }, rationale: 'right city' }, {
      suggestion: { judgement: { shown: ['a', 'b'], preference: { kind: 'better', id: 'a' }, ratings: {}, correction: null, rationale: '' }, confidence: 0.9, modelVersion: 'bt-3' },
      suggestionOutcome: 'accepted',
    }),
    judged('bob', { preference: { kind: 'tie' }, ratings: { Helpful: 2 } }),
    { ...judged('cy', {}), status: 'skipped', judgement: null },
  ],
  verdict: { judgement: { shown: ['a', 'b'], preference: { kind: 'better', id: 'b' }, ratings: {}, correction: null, rationale: 'shorter' }, score: 0.6, source: 'judge-1' },
};

const chat: CompareDoc = {
  id: 't2',
  line: null,
  content: {
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say hi.' },
    ],
    responses: [{ id: 'x', text: 'Hi!' }, { id: 'y', text: 'Greetings, human.' }, { id: 'z', text: 'No.' }],
  },
  meta: {},
  judgements: [judged('ann', { shown: ['z', 'x', 'y'], preference: { kind: 'ranking', ids: ['x', 'y', 'z'] }, correction: { id: 'y', text: 'Hello.' } }), judged('bob', { shown: ['x', 'y', 'z'], preference: { kind: 'both-bad' } })],
  verdict: null,
};

const lines = (output: string) => output.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('TRL preference JSONL', () => {
  it('writes prompt, chosen and rejected: strings for a plain prompt, messages for a chat; ties and both bad left out and counted', () => {
    const result = writeCompareFile('trl', [plain, chat], rubric);
    expect(lines(result.output)).toEqual([
      { prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Lyon.' },
      ...[
        ['Hi!', 'Greetings, human.'],
        ['Hi!', 'No.'],
        ['Greetings, human.', 'No.'],
      ].map(([chosen, rejected]) => ({ prompt: chat.content.messages, chosen: [{ role: 'assistant', content: chosen }], rejected: [{ role: 'assistant', content: rejected }] })),
    ]);
    expect(result.written).toBe(4);
    expect(Object.fromEntries(result.leftOut)).toEqual({ tie: 1, skipped: 1, 'both bad': 1 });
    expect(writeSummary(result, 'pair', 'out.jsonl', 'trl')).toBe('4 pairs → out.jsonl (trl); judgements left out (trl has no place for them): tie 1, skipped 1, both bad 1');
    // Every line has exactly TRL's three columns, the prompt explicit.
    for (const line of lines(result.output)) expect(Object.keys(line)).toEqual(['prompt', 'chosen', 'rejected']);
  });

  it('reads back as the pairs it wrote', () => {
    const { output } = writeCompareFile('trl', [plain], rubric);
    const [doc] = readCompareFile('trl', output, 'mine.jsonl').docs;
    const preferred = doc!.judgements[0]!.judgement!.preference as { id: string };
    expect(doc!.content.responses.find((r) => r.id === preferred.id)?.text).toBe('Paris.');
  });
});

describe('OpenAI preference fine-tuning JSONL', () => {
  it('writes input.messages and exactly one assistant message in each output', () => {
    const result = writeCompareFile('openai-preference', [plain, chat], rubric);
    const written = lines(result.output);
    expect(written[0]).toEqual({
      input: { messages: [{ role: 'user', content: 'Capital of France?' }] },
      preferred_output: [{ role: 'assistant', content: 'Paris.' }],
      non_preferred_output: [{ role: 'assistant', content: 'Lyon.' }],
    });
    expect(written).toHaveLength(4);
    for (const line of written) {
      expect(Object.keys(line)).toEqual(['input', 'preferred_output', 'non_preferred_output']);
      for (const key of ['preferred_output', 'non_preferred_output']) {
        expect(line[key]).toHaveLength(1);
        expect((line[key] as { role: string }[])[0]?.role).toBe('assistant');
      }
    }
    expect(written[1]?.input).toEqual({ messages: chat.content.messages });
  });
});

describe('KTO JSONL', () => {
  it('labels a winner true and the rest false, a ranking first true and last false, both bad all false, a tie by its ratings', () => {
    const result = writeCompareFile('kto', [plain, chat], rubric);
    expect(lines(result.output)).toEqual([
      // ann preferred a, shown b then a
      { prompt: 'Capital of France?', completion: 'Lyon.', label: false },
      { prompt: 'Capital of France?', completion: 'Paris.', label: true },
      // bob: a tie rated Helpful 2 of 5, in the lower half: both undesirable
      { prompt: 'Capital of France?', completion: 'Lyon.', label: false },
      { prompt: 'Capital of France?', completion: 'Paris.', label: false },
      { prompt: chat.content.messages, completion: [{ role: 'assistant', content: 'Hi!' }], label: true },
      { prompt: chat.content.messages, completion: [{ role: 'assistant', content: 'No.' }], label: false },
      ...['Hi!', 'Greetings, human.', 'No.'].map((content) => ({ prompt: chat.content.messages, completion: [{ role: 'assistant', content }], label: false })),
    ]);
    for (const line of lines(result.output)) expect(typeof line['label']).toBe('boolean');
    expect(Object.fromEntries(result.leftOut)).toEqual({ skipped: 1 });
  });

  it('leaves out ratings it cannot scale without the rubric, and says so', () => {
    const result = writeCompareFile('kto', [plain], null);
    expect(result.written).toBe(2);
    expect(Object.fromEntries(result.leftOut)).toEqual({ 'rated on an unknown scale': 1, skipped: 1 });
  });
});

describe('KTO from ratings: the rule is a choice when the rubric rates several items', () => {
  const twoItems: Rubric = { ...rubric, ratings: [...rubric.ratings, { name: 'Harmless', scale: 3, descriptions: ['1', '2', '3'], required: false }] };
  // A tie rated Helpful 4 of 5 (share 0.75) and Harmless 1 of 3 (share 0): the mean share is 0.375.
  const tie: CompareDoc = { ...plain, judgements: [judged('bob', { preference: { kind: 'tie' }, ratings: { Helpful: 4, Harmless: 1 } })], verdict: null };
  const labels = (rule?: Parameters<typeof ktoRuleFor>[1], atLeast?: number) =>
    lines(writeCompareFile('kto', [tie], twoItems, { kto: ktoRuleFor(twoItems, rule ?? null, atLeast) }).output).map((line) => line['label']);

  it('by default takes the mean share of every rated item, true from the upper half: 0.375 is false', () => {
    expect(ktoRuleFor(twoItems, null)).toEqual(DEFAULT_KTO_RULE);
    expect(lines(writeCompareFile('kto', [tie], twoItems).output).map((line) => line['label'])).toEqual([false, false]);
    expect(labels(null, 0.25)).toEqual([true, true]);
  });

  it('lets one item decide, from the upper half of its scale by default (Helpful 3 of 5, Harmless 2 of 3) or a value chosen', () => {
    expect(ktoRuleFor(twoItems, 'Helpful')).toEqual({ item: 'Helpful', atLeast: 3 });
    expect(ktoRuleFor(twoItems, 'Harmless')).toEqual({ item: 'Harmless', atLeast: 2 });
    expect(labels('Helpful')).toEqual([true, true]);
    expect(labels('Helpful', 5)).toEqual([false, false]);
    expect(labels('Harmless')).toEqual([false, false]);
  });

  it('counts a judgement that did not rate the deciding item, and keeps preferences as they are', () => {
    const unrated: CompareDoc = { ...tie, judgements: [judged('bob', { preference: { kind: 'tie' }, ratings: { Harmless: 3 } }), judged('ann', { preference: { kind: 'better', id: 'a' } })] };
    const result = writeCompareFile('kto', [unrated], twoItems, { kto: ktoRuleFor(twoItems, 'Helpful') });
    expect(lines(result.output).map((line) => [line['completion'], line['label']])).toEqual([['Lyon.', false], ['Paris.', true]]);
    expect(Object.fromEntries(result.leftOut)).toEqual({ 'not rated on Helpful': 1 });
  });

  it('says its rule in the export summary', () => {
    const byDefault = writeCompareFile('kto', [tie], twoItems);
    expect(writeSummary(byDefault, 'response', 'out.kto.jsonl', 'kto')).toBe(
      "2 responses → out.kto.jsonl (kto). KTO label true: a winner, a ranking's first; false: the others shown, a ranking's last, both bad; a tie or no preference: true for every response when the ratings' mean share of their scales ≥ 0.5 (v of a 1–s scale counts (v − 1)/(s − 1))",
    );
    expect(writeCompareFile('kto', [tie], twoItems, { kto: { item: 'Helpful', atLeast: 4 } }).note).toMatch(/true for every response when Helpful ≥ 4 of 5$/);
  });

  it('refuses a rule the rubric cannot read, naming what it has', () => {
    expect(ktoRuleProblem({ item: 'Tone', atLeast: 3 }, twoItems)).toBe('"Tone" is not a rating item of the rubric (its items: "Helpful", "Harmless")');
    expect(ktoRuleProblem({ item: 'Harmless', atLeast: 4 }, twoItems)).toBe('"Harmless" is rated 1 to 3, found 4');
    expect(ktoRuleProblem({ item: null, atLeast: 2 }, twoItems)).toMatch(/share of their scales from 0 to 1, found 2/);
    expect(() => writeCompareFile('kto', [tie], twoItems, { kto: { item: 'Tone', atLeast: 3 } })).toThrow(/KTO: "Tone" is not a rating item/);
  });
});

describe('SFT JSONL from corrections', () => {
  it('writes prompt and completion for a plain prompt, the chat with the corrected assistant turn otherwise', () => {
    const result = writeCompareFile('sft', [plain, chat], rubric);
    expect(lines(result.output)).toEqual([
      { prompt: 'Capital of France?', completion: 'Paris, on the Seine.' },
      { messages: [...chat.content.messages, { role: 'assistant', content: 'Hello.' }] },
    ]);
    expect(Object.fromEntries(result.leftOut)).toEqual({ 'without a correction': 3 });
  });
});

describe('fieldlabel compare JSONL', () => {
  it('holds every judgement, the order shown, ratings, correction, rationale, suggestion and time, and re-imports losslessly', () => {
    const result = writeCompareFile('compare-jsonl', [plain, chat], rubric);
    const first = lines(result.output)[0]!;
    expect(first).toMatchObject({ type: 'fieldlabel-compare', version: 1, id: 't1', rubric, meta: { topic: 'geo' } });
    expect((first['judgements'] as Record<string, unknown>[])[0]).toEqual({
      annotator: 'ann',
      status: 'labelled',
      judgement: { shown: ['b', 'a'], preference: { kind: 'better', id: 'a' }, ratings: { Helpful: 5 }, correction: { id: 'a', text: 'Paris, on the Seine.' }, rationale: 'right city' },
      created_at: '2026-12-07T09:00:00.123Z',
      updated_at: '2026-12-07T09:01:00.000Z',
      suggestion: { judgement: { shown: ['a', 'b'], preference: { kind: 'better', id: 'a' }, ratings: {}, correction: null, rationale: '' }, confidence: 0.9, model_version: 'bt-3' },
      suggestion_outcome: 'accepted',
    });
    const back = readCompareFile('compare-jsonl', result.output, 'back.compare.jsonl');
    expect(back.rubric).toEqual(rubric);
    expect(back.docs.map((doc) => ({ ...doc, line: null }))).toEqual([plain, chat]);
    expect(writeCompareFile('compare-jsonl', back.docs, back.rubric).output).toBe(result.output);
  });

  it('keeps a suggestion that was hidden from the annotator marked hidden, through writing and reading', () => {
    const suggestion = plain.judgements[0]?.suggestion ?? null;
    const hiddenDoc: CompareDoc = { ...plain, judgements: [{ ...(plain.judgements[0] as CompareDoc['judgements'][number]), suggestion: suggestion && { ...suggestion, hidden: true }, suggestionOutcome: null }] };
    const result = writeCompareFile('compare-jsonl', [hiddenDoc], rubric);
    expect(((lines(result.output)[0]!['judgements'] as Record<string, unknown>[])[0]!['suggestion'] as Record<string, unknown>)['hidden']).toBe(true);
    const back = readCompareFile('compare-jsonl', result.output, 'back.compare.jsonl');
    expect(back.docs[0]?.judgements[0]?.suggestion?.hidden).toBe(true);
    expect(() => readCompareFile('compare-jsonl', result.output.replace('"hidden":true', '"hidden":"yes"'), 'x.jsonl')).toThrow(/x\.jsonl, line 1, field "judgements\[0\]\.suggestion\.hidden"/);
  });

  it('refuses a judgement that shows a response the task does not have', () => {
    const { output } = writeCompareFile('compare-jsonl', [plain], rubric);
    const broken = output.replace('"shown":["b","a"]', '"shown":["b","q"]');
    expect(() => readCompareFile('compare-jsonl', broken, 'x.jsonl')).toThrow(/x\.jsonl, line 1, field "judgements\[0\]\.judgement/);
  });
});
