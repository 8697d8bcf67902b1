import { describe, expect, it } from 'vitest';
import type { Judgement, Rubric } from '../../../../src/lib/domain/compare';
import type { CompareDoc, CompareJudgementRecord } from '../../../../src/lib/formats/compare/compare-doc';
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
