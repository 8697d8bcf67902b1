// The compare bench's tasks: two model responses of 2,000 words each, written as markdown with headings, lists and
// code blocks, seeded so every run measures the same text. Each response ends with a marker word the probe waits for.
import type { CompareContent } from '../src/lib/domain/compare';
import { createRng, type Rng } from '../src/lib/learn/random';

export const RESPONSE_WORDS = 2_000;

const VOCABULARY = (
  'the model returns a list of values when the input is empty and otherwise it sorts them by key before the ' +
  'function writes each result to the cache so that later calls can reuse what was computed once in a loop over ' +
  'every item with care for memory time errors types tests users files streams buffers threads workers queues'
).split(' ');

export interface BenchTask {
  id: string;
  compare: CompareContent;
}

/** The marker word ending response `r` of task `t`: its text is on screen once the marker is. */
export function endMarker(task: number, response: number): string {
  return `END${task}R${response}`;
}

export function compareTasks(count: number): BenchTask[] {
  return Array.from({ length: count }, (_, t) => {
    const rng = createRng(1_000 + t);
    return {
      id: `bench-compare-${t}`,
      compare: {
        messages: [
          { role: 'system', content: 'You are a careful programming assistant.' },
          { role: 'user', content: `Question ${t}: how should I cache the results of an expensive function in TypeScript?` },
        ],
        responses: [0, 1].map((r) => ({ id: `r${r}`, text: `${markdownResponse(rng, RESPONSE_WORDS)} ${endMarker(t, r)}` })),
      },
    };
  });
}

/** About `words` words: a heading, then paragraphs, a list and a fenced code block in turn. */
function markdownResponse(rng: Rng, words: number): string {
  const parts: string[] = [`## ${sentence(rng, 5)}`];
  let written = 5;
  for (let block = 0; written < words; block++) {
    if (block % 4 === 3) {
      parts.push(['```ts', ...Array.from({ length: 8 }, (_, i) => `const value${i} = compute(${i}, "${pick(rng)}"); // ${sentence(rng, 3)}`), '```'].join('\n'));
      written += 8 * 6;
    } else if (block % 4 === 1) {
      parts.push(Array.from({ length: 4 }, () => `- **${pick(rng)}**: ${sentence(rng, 10)} \`${pick(rng)}()\``).join('\n'));
      written += 4 * 12;
    } else {
      parts.push(sentence(rng, 70));
      written += 70;
    }
  }
  return parts.join('\n\n');
}

function sentence(rng: Rng, length: number): string {
  return Array.from({ length }, () => pick(rng)).join(' ');
}

function pick(rng: Rng): string {
  return VOCABULARY[Math.floor(rng() * VOCABULARY.length)] as string;
}
