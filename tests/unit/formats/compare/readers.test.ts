import { describe, expect, it } from 'vitest';
import { FormatProblem } from '../../../../src/lib/formats/spans/document';
import { compareTaskId, promptText } from '../../../../src/lib/formats/compare/compare-doc';
import { preferenceOfWinner } from '../../../../src/lib/formats/compare/fields';
import { readCompareFile } from '../../../../src/lib/formats/compare/registry';
import { compareFixture } from './fixtures';

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatProblem) return error.message;
    throw error;
  }
  throw new Error('expected a FormatProblem');
}

describe('a JSONL of prompts or chats with responses', () => {
  it('reads chat messages, responses with ids and models, and a judge as a suggestion', () => {
    const { docs } = readCompareFile('responses', compareFixture('chats.jsonl'), 'chats.jsonl');
    const [first, second] = docs;
    expect(first).toEqual({
      id: 'c1',
      line: 1,
      content: {
        messages: [
          { role: 'system', content: 'You answer briefly.' },
          { role: 'user', content: 'How do I reverse a list in Python?' },
        ],
        responses: [
          { id: 'gpt', text: 'Use slicing:\n\n```python\nitems[::-1]\n```', model: 'model-x' },
          { id: 'llama', text: 'Call `items.reverse()` <img src=x onerror=alert(1)>', model: 'model-y' },
        ],
      },
      meta: { topic: 'code' },
      judgements: [],
      verdict: { judgement: { shown: ['gpt', 'llama'], preference: { kind: 'better', id: 'gpt' }, ratings: {}, correction: null, rationale: '' }, score: 0.82, source: 'judge-1' },
    });
    // An OpenAI chat line: the assistant turns that end it are the responses.
    expect(second?.content).toEqual({
      messages: [{ role: 'user', content: 'Name a prime number.' }],
      responses: [
        { id: 'a', text: '**7** is prime.' },
        { id: 'b', text: '9 is prime.' },
      ],
    });
    expect(promptText(first!.content.messages)).toBe('system: You answer briefly.\n\nuser: How do I reverse a list in Python?');
    expect(promptText(second!.content.messages)).toBe('Name a prime number.');
  });

  it('reads a prompt with response_a, response_b, … and a judge naming a letter', () => {
    const { docs } = readCompareFile('responses', compareFixture('prompts.jsonl'), 'prompts.jsonl');
    expect(docs[0]?.content.responses.map((r) => r.id)).toEqual(['a', 'b']);
    expect(docs[0]?.verdict?.judgement.preference).toEqual({ kind: 'better', id: 'a' });
    expect(docs[1]?.content.responses.map((r) => r.text)).toEqual(['4', '5', 'four']);
    expect(docs[1]?.meta).toEqual({ source: 'quiz' });
    expect(docs[0]?.id).toBeNull();
    expect(compareTaskId(docs[0]!)).toBe(compareTaskId(readCompareFile('responses', compareFixture('prompts.jsonl'), 'x.jsonl').docs[0]!));
  });

  it('names the file, line and field of what is wrong', () => {
    const read = (line: string) => () => readCompareFile('responses', `{"prompt":"p","responses":["x","y"]}\n${line}\n`, 'in.jsonl');
    expect(problemOf(read('{"prompt":"p","responses":["only one"]}'))).toBe('in.jsonl, line 2, field "responses": a compare task holds 2 to 4 responses, found 1');
    expect(problemOf(read('{"prompt":"p","completion":"c"}'))).toMatch(/^in\.jsonl, line 2, field "completion": holds one response; a compare task needs 2 to 4/);
    expect(problemOf(read('{"responses":["a","b"]}'))).toBe('in.jsonl, line 2: expected "messages" (a chat) or "prompt" beside the responses');
    expect(problemOf(read('{"messages":[{"role":"robot","content":"x"}],"responses":["a","b"]}'))).toMatch(/line 2, field "messages\[0\]\.role": expected one of "system"/);
    expect(problemOf(read('{"prompt":"p","responses":["a","b"],"judge":{"winner":"C"}}'))).toMatch(/line 2, field "judge\.winner": expected a response id \("a", "b"\), a letter "A"–"B"/);
    expect(problemOf(read('{"prompt":"p","responses":[{"id":"x","text":"1"},{"id":"x","text":"2"}]}'))).toMatch(/response id "x" is used twice/);
    expect(problemOf(read('not json'))).toMatch(/^in\.jsonl, line 2: not valid JSON/);
  });
});

describe('a model judge’s winner', () => {
  const responses = [{ id: 'gpt', text: '1' }, { id: 'llama', text: '2' }];
  it.each([
    ['llama', { kind: 'better', id: 'llama' }],
    ['B', { kind: 'better', id: 'llama' }],
    ['model_a', { kind: 'better', id: 'gpt' }],
    ['Tie', { kind: 'tie' }],
    ['tie (bothbad)', { kind: 'both-bad' }],
    ['both-bad', { kind: 'both-bad' }],
  ])('%s reads as %j', (winner, preference) => {
    expect(preferenceOfWinner(winner, responses)).toEqual(preference);
  });
  it('names nothing when it is a position past the responses, a number, or missing', () => {
    for (const winner of ['C', 1, undefined]) expect(preferenceOfWinner(winner, responses)).toBeUndefined();
  });
});

describe('a TRL preference file', () => {
  it('comes in as tasks judged by an annotator named after the file, the chosen one preferred and not always shown first', () => {
    const { docs } = readCompareFile('trl', compareFixture('ultra.trl.jsonl'), 'data/ultra.trl.jsonl');
    expect(docs).toHaveLength(4);
    for (const [index, doc] of docs.entries()) {
      const judgement = doc.judgements[0]!.judgement!;
      expect(doc.judgements).toHaveLength(1);
      expect(doc.judgements[0]?.annotator).toBe('ultra.trl');
      expect(judgement.shown).toEqual(['a', 'b']);
      const chosen = doc.content.responses.find((r) => r.id === (judgement.preference as { id: string }).id);
      const line = JSON.parse(compareFixture('ultra.trl.jsonl').split('\n')[index]!) as { prompt: string; chosen: string; rejected: string };
      expect(chosen?.text).toBe(line.chosen);
      expect(doc.content.responses.map((r) => r.text).sort()).toEqual([line.chosen, line.rejected].sort());
      expect(doc.content.messages).toEqual([{ role: 'user', content: line.prompt }]);
    }
    const chosenIds = docs.map((doc) => (doc.judgements[0]!.judgement!.preference as { id: string }).id);
    expect(new Set(chosenIds)).toEqual(new Set(['a', 'b']));
    // The order is a function of the content: reading again gives the same tasks.
    expect(readCompareFile('trl', compareFixture('ultra.trl.jsonl'), 'ultra.trl.jsonl').docs.map((d) => d.content)).toEqual(docs.map((d) => d.content));
    expect(docs[1]?.meta).toEqual({ score_chosen: 8, score_rejected: 2 });
  });

  it('reads the conversational form, with an explicit prompt or an implicit one', () => {
    const { docs } = readCompareFile('trl', compareFixture('chat.trl.jsonl'), 'chat.trl.jsonl');
    expect(docs[0]?.content.messages).toEqual([{ role: 'user', content: 'What color is the sky?' }]);
    expect(docs[0]?.content.responses.map((r) => r.text).sort()).toEqual(['It is blue.', 'It is green.']);
    expect(docs[1]?.content.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    const preferred = docs[1]!.judgements[0]!.judgement!.preference as { id: string };
    expect(docs[1]?.content.responses.find((r) => r.id === preferred.id)?.text).toBe('Hello! How can I help?');
  });

  it('refuses a plain-text pair without a prompt, and a rejected answer that does not follow the prompt', () => {
    expect(problemOf(() => readCompareFile('trl', '{"chosen":"The sky is blue.","rejected":"The sky is green."}\n', 'p.jsonl'))).toMatch(/^p\.jsonl, line 1, field "prompt": is missing/);
    const bad = '{"chosen":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}],"rejected":[{"role":"user","content":"Hi"}]}\n';
    expect(problemOf(() => readCompareFile('trl', bad, 'p.jsonl'))).toBe('p.jsonl, line 1, field "rejected": expected the prompt\'s 1 turn, then the assistant\'s answer');
  });
});

describe('an OpenAI preference fine-tuning file', () => {
  it('comes in like a TRL one: input.messages the conversation, the preferred output preferred', () => {
    const { docs } = readCompareFile('openai-preference', compareFixture('dpo.openai.jsonl'), 'dpo.openai.jsonl');
    const doc = docs[0]!;
    expect(doc.content.messages).toEqual([{ role: 'user', content: 'Hello, how cold is San Francisco today?' }]);
    const preferred = doc.judgements[0]!.judgement!.preference as { id: string };
    expect(doc.content.responses.find((r) => r.id === preferred.id)?.text).toBe('About 15 °C today.');
    expect(doc.judgements[0]?.annotator).toBe('dpo.openai');
  });
});

describe('a Label Studio pairwise export', () => {
  it('takes the Pairwise choices as judgements by completed_by, a cancelled one as a skip, a prediction as the verdict', () => {
    const file = readCompareFile('labelstudio-pairwise', compareFixture('pairwise.labelstudio.json'), 'pairwise.labelstudio.json');
    const [first, second] = file.docs;
    expect(first?.id).toBe('11');
    expect(first?.content).toEqual({
      messages: [{ role: 'user', content: 'Summarise: cats sleep a lot.' }],
      responses: [
        { id: 'a', text: 'Cats sleep much of the day.' },
        { id: 'b', text: 'Dogs bark.' },
      ],
    });
    expect(first?.judgements).toEqual([
      {
        annotator: 'ann@example.org',
        status: 'labelled',
        judgement: { shown: ['a', 'b'], preference: { kind: 'better', id: 'a' }, ratings: {}, correction: null, rationale: '' },
        createdAt: Date.parse('2024-05-01T10:00:00.000Z'),
        updatedAt: Date.parse('2024-05-01T10:00:05.000Z'),
        suggestion: null,
        suggestionOutcome: null,
      },
      { annotator: '4', status: 'skipped', judgement: null, createdAt: null, updatedAt: null, suggestion: null, suggestionOutcome: null },
    ]);
    expect(first?.verdict).toEqual({ judgement: { shown: ['a', 'b'], preference: { kind: 'better', id: 'b' }, ratings: {}, correction: null, rationale: '' }, score: 0.7, source: 'judge-2' });
    expect(first?.meta).toEqual({ labelstudio: { project: 5 } });
    // toName names the data fields compared; the prompt is "question" here.
    expect(second?.content.responses.map((r) => r.text)).toEqual(['Apples', 'Rocks']);
    expect(second?.content.messages[0]?.content).toBe('Best fruit?');
  });

  it('names the task of a selection that is neither left nor right', () => {
    const bad = JSON.stringify([{ data: { prompt: 'p', text1: 'x', text2: 'y' }, annotations: [{ result: [{ type: 'pairwise', value: { selected: 'middle' } }] }] }], null, 1);
    expect(problemOf(() => readCompareFile('labelstudio-pairwise', bad, 'ls.json'))).toBe('ls.json, line 2, field "[0].annotations[0].result.value.selected": expected "left" or "right", found "middle"');
  });
});

describe('a JSONL of human votes, as Chatbot Arena writes them', () => {
  it('takes "winner" as the judgement of the person "judge" names, and model_a/model_b as the models', () => {
    const line = { question_id: 'q9', prompt: 'Tell a joke.', response_a: 'Knock knock.', response_b: 'No.', model_a: 'alpaca', model_b: 'vicuna', winner: 'model_a', judge: 'arena_user_12' };
    const [doc] = readCompareFile('responses', `${JSON.stringify(line)}\n${JSON.stringify({ ...line, winner: 'tie (bothbad)', judge: undefined })}\n`, 'arena.jsonl').docs;
    expect(doc?.content.responses).toEqual([
      { id: 'a', text: 'Knock knock.', model: 'alpaca' },
      { id: 'b', text: 'No.', model: 'vicuna' },
    ]);
    expect(doc?.judgements.map((j) => [j.annotator, j.judgement?.preference])).toEqual([['arena_user_12', { kind: 'better', id: 'a' }]]);
    expect(doc?.verdict).toBeNull();
    expect(doc?.meta).toEqual({ question_id: 'q9' });
    const second = readCompareFile('responses', `${JSON.stringify({ ...line, winner: 'tie (bothbad)', judge: undefined })}\n`, 'arena.jsonl').docs[0];
    expect(second?.judgements.map((j) => [j.annotator, j.judgement?.preference])).toEqual([['arena', { kind: 'both-bad' }]]);
    expect(problemOf(() => readCompareFile('responses', `${JSON.stringify({ ...line, winner: 'model_c' })}\n`, 'arena.jsonl'))).toMatch(/^arena\.jsonl, line 1, field "winner": expected a response id/);
  });
});
