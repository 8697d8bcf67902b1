// Real mails for tests that need a model to learn something real: spam-assassin (npm, Apache-2.0), shuffled by a
// seed, each cut to its first 1,000 characters with its white space collapsed, so the text shown is the text written.
import { spamAssassin } from '../../../bench/support/spam-corpus';
import { createRng, shuffleInPlace } from '../../../src/lib/learn/random';

export interface LabelledMail {
  id: string;
  text: string;
  label: 'spam' | 'ham';
}

export function shuffledMails(seed: number, count: number): LabelledMail[] {
  const seen = new Set<string>();
  const mails: LabelledMail[] = [];
  for (const mail of shuffleInPlace(spamAssassin(), createRng(seed))) {
    const text = mail.text.replace(/\s+/g, ' ').trim().slice(0, 1000).trim();
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    mails.push({ id: `m${mails.length}`, text, label: mail.spam ? 'spam' : 'ham' });
    if (mails.length === count) break;
  }
  return mails;
}
