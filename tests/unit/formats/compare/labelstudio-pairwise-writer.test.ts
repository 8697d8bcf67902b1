// "Export for Label Studio" of a compare project: the tasks Label Studio's Pairwise template imports, checked field by
// field against its documented task format (labelstud.io/guide/task_format: id, data, annotations with result,
// was_cancelled, completed_by; predictions with model_version, score, result) and the Pairwise tag's result
// (web/libs/editor/src/tags/control/Pairwise.js: type "pairwise", value {selected: "left" | "right"}, left being the
// first name of toName), and read back by our own reader.
import { describe, expect, it } from 'vitest';
import type { Judgement } from '../../../../src/lib/domain/compare';
import type { CompareDoc, CompareJudgementRecord } from '../../../../src/lib/formats/compare/compare-doc';
import { detectCompareFormat } from '../../../../src/lib/formats/compare/detect';
import { PAIRWISE_CONFIG } from '../../../../src/lib/formats/compare/labelstudio-pairwise';
import { writeSummary } from '../../../../src/lib/formats/compare/pairs';
import { readCompareFile, writeCompareFile } from '../../../../src/lib/formats/compare/registry';

function judged(annotator: string, judgement: Partial<Judgement> | null, times = { createdAt: Date.UTC(2026, 0, 2, 3, 4, 5), updatedAt: Date.UTC(2026, 0, 2, 3, 4, 9) }): CompareJudgementRecord {
  return {
    annotator,
    status: judgement === null ? 'skipped' : 'labelled',
    judgement: judgement === null ? null : { shown: ['r2', 'r1'], preference: null, ratings: {}, correction: null, rationale: '', ...judgement },
    ...times,
    suggestion: null,
    suggestionOutcome: null,
  };
}

const better = (id: string) => ({ preference: { kind: 'better' as const, id } });

const reset: CompareDoc = {
  id: 'q1',
  line: null,
  content: { messages: [{ role: 'user', content: 'How do I reset my password?' }], responses: [{ id: 'r1', text: 'Use **Forgot password**.' }, { id: 'r2', text: 'Call us.' }] },
  meta: { source: 'help-desk' },
  judgements: [
    // Ada saw r2 first and chose r1, the first response: left, whatever side she saw it on.
    judged('ada', { ...better('r1'), ratings: { Helpful: 4 }, rationale: 'actionable' }),
    judged('7', { shown: ['r1', 'r2'], preference: { kind: 'ranking', ids: ['r2', 'r1'] } }),
    judged('bo', { preference: { kind: 'tie' } }),
    judged('cy', null),
  ],
  verdict: { judgement: { shown: ['r1', 'r2'], preference: { kind: 'better', id: 'r2' }, ratings: {}, correction: null, rationale: '' }, score: 0.8, source: 'judge-1' },
};

const chat: CompareDoc = {
  id: '42',
  line: null,
  content: {
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say hi.' },
    ],
    responses: [{ id: 'x', text: 'Hi!' }, { id: 'y', text: 'Hello.' }],
  },
  meta: {},
  judgements: [judged('ada', { shown: ['x', 'y'], preference: { kind: 'both-bad' } })],
  verdict: null,
};

const three: CompareDoc = { ...chat, id: 'q3', content: { ...chat.content, responses: [...chat.content.responses, { id: 'z', text: 'Yo.' }] }, judgements: [judged('ada', better('z'))] };

describe('Label Studio pairwise writer', () => {
  const result = writeCompareFile('labelstudio-pairwise', [reset, chat, three], null);
  const tasks = JSON.parse(result.output) as Record<string, unknown>[];

  it('writes a JSON array of tasks in the shape of the documented task format, field by field', () => {
    expect(Array.isArray(tasks)).toBe(true);
    expect(tasks.map((task) => Object.keys(task))).toEqual([
      ['id', 'data', 'annotations', 'predictions'],
      ['id', 'data', 'annotations', 'predictions'],
    ]);
    // Label Studio's converter reads task["id"]: every task has one, a number where the id is one.
    expect(tasks.map((task) => task['id'])).toEqual(['q1', 42]);
    // data: the Text tags' values, $prompt, $text1 (left) and $text2 (right), and the task's other fields.
    expect(tasks[0]?.['data']).toEqual({ source: 'help-desk', prompt: 'How do I reset my password?', text1: 'Use **Forgot password**.', text2: 'Call us.' });
    expect(tasks[1]?.['data']).toEqual({ prompt: 'system: Be brief.\n\nuser: Say hi.', text1: 'Hi!', text2: 'Hello.' });
    const region = (selected: string) => ({ type: 'pairwise', from_name: 'pw', to_name: 'text1,text2', origin: 'manual', value: { selected } });
    expect(tasks[0]?.['annotations']).toEqual([
      { result: [region('left')], was_cancelled: false, completed_by: 'ada', created_at: '2026-01-02T03:04:05.000Z', updated_at: '2026-01-02T03:04:09.000Z' },
      // A ranking of two is its first; an annotator id that is a number is written as Label Studio's user ids are.
      { result: [region('right')], was_cancelled: false, completed_by: 7, created_at: '2026-01-02T03:04:05.000Z', updated_at: '2026-01-02T03:04:09.000Z' },
      { result: [], was_cancelled: true, completed_by: 'cy', created_at: '2026-01-02T03:04:05.000Z', updated_at: '2026-01-02T03:04:09.000Z' },
    ]);
    expect(tasks[0]?.['predictions']).toEqual([{ model_version: 'judge-1', score: 0.8, result: [region('right')] }]);
    expect(tasks[1]?.['annotations']).toEqual([]);
  });

  it('goes with the template config it names: the Pairwise toName and the Text names and values match the data', () => {
    expect(PAIRWISE_CONFIG).toContain('<Pairwise name="pw" toName="text1,text2"/>');
    for (const field of ['prompt', 'text1', 'text2']) expect(PAIRWISE_CONFIG).toContain(`<Text name="${field}" value="$${field}"/>`);
  });

  it('counts what the Pairwise tag has no place for, and says what it kept only in part', () => {
    expect(result.written).toBe(2);
    expect(Object.fromEntries(result.leftOut)).toEqual({ tie: 1, 'both bad': 1, 'of a task of 3 or 4 responses': 1 });
    expect(writeSummary(result, 'task', 'out.json', 'labelstudio-pairwise')).toBe(
      "2 tasks → out.json (labelstudio-pairwise); judgements left out (labelstudio-pairwise has no place for them): of a task of 3 or 4 responses 1, tie 1, both bad 1. Label Studio's Pairwise keeps the choice only: left out the ratings of 1 judgement, the rationale of 1 judgement",
    );
  });

  it('reads back through our reader: detected, the same prompt, responses, choices, skip and verdict', () => {
    expect(detectCompareFormat('out.json', result.output)?.format).toBe('labelstudio-pairwise');
    const back = readCompareFile('labelstudio-pairwise', result.output, 'out.json');
    const [first, second] = back.docs;
    expect(first?.id).toBe('q1');
    expect(first?.meta).toEqual({ source: 'help-desk' });
    expect(first?.content).toEqual({ messages: [{ role: 'user', content: 'How do I reset my password?' }], responses: [{ id: 'a', text: 'Use **Forgot password**.' }, { id: 'b', text: 'Call us.' }] });
    expect(first?.judgements.map((j) => [j.annotator, j.status, j.judgement?.preference ?? null, j.createdAt])).toEqual([
      ['ada', 'labelled', { kind: 'better', id: 'a' }, Date.UTC(2026, 0, 2, 3, 4, 5)],
      ['7', 'labelled', { kind: 'better', id: 'b' }, Date.UTC(2026, 0, 2, 3, 4, 5)],
      ['cy', 'skipped', null, Date.UTC(2026, 0, 2, 3, 4, 5)],
    ]);
    expect(first?.verdict).toEqual({ judgement: { shown: ['a', 'b'], preference: { kind: 'better', id: 'b' }, ratings: {}, correction: null, rationale: '' }, score: 0.8, source: 'judge-1' });
    expect(second).toMatchObject({ id: '42', judgements: [], verdict: null });
    // Written again, what was read gives the same file: nothing drifts in a round trip.
    expect(writeCompareFile('labelstudio-pairwise', back.docs, null).output).toBe(writeCompareFile('labelstudio-pairwise', [reset, chat], null).output);
  });

  it('keeps a Label Studio export it read as it was: its other task fields come back', () => {
    const fixture = readCompareFile('labelstudio-pairwise', JSON.stringify([{ id: 5, project: 9, data: { question: 'Best fruit?', answer1: 'Apples', answer2: 'Rocks' }, annotations: [] }]), 'ls.json');
    const [task] = JSON.parse(writeCompareFile('labelstudio-pairwise', fixture.docs, null).output) as Record<string, unknown>[];
    expect(task).toEqual({ project: 9, id: 5, data: { prompt: 'Best fruit?', text1: 'Apples', text2: 'Rocks' }, annotations: [], predictions: [] });
  });
});
