import { describe, expect, it } from 'vitest';
import { detectCompareFormat } from '../../../../src/lib/formats/compare/registry';
import { detectLabelledFormat } from '../../../../src/lib/formats/spans/registry';
import { compareFixture } from './fixtures';

describe('telling a compare file from its content', () => {
  it.each([
    ['chats.jsonl', 'responses', /^JSONL of chats with responses to compare, and a model judge’s verdicts as suggestions$/],
    ['prompts.jsonl', 'responses', /^JSONL of prompts with response_a to compare/],
    ['ultra.trl.jsonl', 'trl', /^TRL preference JSONL \(standard\): prompt, chosen and rejected; each pair comes in as a task judged by "ultra\.trl"$/],
    ['chat.trl.jsonl', 'trl', /^TRL preference JSONL \(conversational\)/],
    ['dpo.openai.jsonl', 'openai-preference', /^OpenAI preference fine-tuning JSONL/],
    ['pairwise.labelstudio.json', 'labelstudio-pairwise', /^Label Studio JSON: tasks with Pairwise results/],
  ])('%s is %s', (name, format, reason) => {
    const detected = detectCompareFormat(name, compareFixture(name));
    expect(detected?.format).toBe(format);
    expect(detected?.reason).toMatch(reason);
  });

  it('knows an OpenAI chat by its final assistant turns, and our own file by its type', () => {
    const chat = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"1"},{"role":"assistant","content":"2"}]}\n';
    expect(detectCompareFormat('c.jsonl', chat)?.format).toBe('responses');
    expect(detectCompareFormat('c.jsonl', '{"type":"fieldlabel-compare","version":1}\n')?.format).toBe('compare-jsonl');
  });

  it('knows Label Studio tasks of a Pairwise project that nobody has judged yet by their prompt and answer pair', () => {
    const tasks = '[{"id": 1, "data": {"prompt": "Best fruit?", "answer1": "Apples", "answer2": "Rocks"}}]';
    expect(detectCompareFormat('ls.json', tasks)).toEqual({ format: 'labelstudio-pairwise', reason: 'Label Studio JSON: tasks whose data holds a prompt and two answers to compare' });
    expect(detectCompareFormat('ls.json', '[{"id": 1, "data": {"text": "one text"}}]')).toBeNull();
  });

  it('leaves plain tasks, a chat with one answer and other tools’ files to the other importers', () => {
    expect(detectCompareFormat('t.jsonl', '{"text":"hello","label":"pos"}\n')).toBeNull();
    expect(detectCompareFormat('t.jsonl', '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n')).toBeNull();
    expect(detectCompareFormat('t.csv', 'text,label\nhi,pos\n')).toBeNull();
    const labelStudio = '[{"id":1,"data":{"text":"x"},"annotations":[{"result":[{"type":"choices","value":{"choices":["A"]}}]}]}]';
    expect(detectCompareFormat('ls.json', labelStudio)).toBeNull();
    expect(detectLabelledFormat('ls.json', labelStudio)?.format).toBe('labelstudio');
  });

  it('reads the head of a large file, cut in the middle of a line', () => {
    const text = compareFixture('ultra.trl.jsonl');
    expect(detectCompareFormat('u.jsonl', text.slice(0, text.indexOf('\n') + 20))?.format).toBe('trl');
  });
});
