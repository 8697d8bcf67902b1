// A compare project's bundle (version 3) as docs/formats.md describes it: tasks of a prompt and two responses, r1 a
// useful answer and r2 one with markup that must stay text.
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface CompareBundleSpec {
  tasks: number;
  ratings: { name: string; scale: number }[];
  hiddenSuggestionShare?: number;
}

export function compareBundle({ tasks: count, ratings, hiddenSuggestionShare = 0.1 }: CompareBundleSpec): Uint8Array {
  const lines = Array.from({ length: count }, (_, i) => ({
    id: `q${i + 1}`,
    seq: i,
    text: `Question ${i + 1}: how do I reset my password?`,
    meta: {},
    compare: {
      messages: [{ role: 'user', content: `Question ${i + 1}: how do I reset my password?` }],
      responses: [
        { id: 'r1', text: 'Open **Settings → Account** and choose *Reset password*.' },
        { id: 'r2', text: 'Please contact support. <img src=x onerror=alert(1)>' },
      ],
    },
  }));
  const tasks = strToU8(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const manifest = {
    type: 'fieldlabel.bundle',
    version: 3,
    project: {
      id: 'chat',
      name: 'Support answers',
      task_type: 'compare',
      labels: [],
      instructions: 'Which answer would a customer rather get?',
      strategy: 'sequential',
      allow_overlap: false,
      rubric: {
        preference: true,
        correction: false,
        rationale: false,
        hidden_suggestion_share: hiddenSuggestionShare,
        ratings: ratings.map(({ name, scale }) => ({ name, scale, descriptions: Array.from({ length: scale }, (_, v) => String(v + 1)), required: false })),
      },
    },
    created_by: { id: 'coord', name: 'Coordinator' },
    created_at: '2024-05-01T09:00:00.000Z',
    files: { 'tasks.jsonl': { sha256: sha256(tasks), bytes: tasks.length, count } },
  };
  return zipSync({ 'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`), 'tasks.jsonl': tasks }, { level: 1 });
}
