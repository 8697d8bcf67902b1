// A deterministic JSONL file of tasks: the same seed gives the same bytes, so runs on different days and
// machines import identical data and their figures can be compared.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
// Seeded with the app's own mulberry32, so the file never changes.
import { createRng } from '../../src/lib/learn/random';


// Words of field reports and product reviews: realistic lengths and a few non-ASCII letters, so the decoder
// and JSON parser do the work they would do on real data.
const WORDS = (
  'the a an and or but of to in on at for with from by about after before during under over battery screen ' +
  'sensor pump valve field crew report station sample water soil temperature pressure reading device tablet ' +
  'signal network offline sync label review customer delivery order package arrived late early broken works ' +
  'well poorly great terrible fine okay quickly slowly again never always sometimes today yesterday morning ' +
  'evening north south river bridge road village café naïve résumé déjà measured recorded replaced cleaned ' +
  'checked noticed reported failed restarted charged lasted leaked rusted calibrated two three several many ' +
  'few hours days weeks minutes metres litres degrees percent unit team site'
).split(' ');
const SOURCES = ['survey', 'email', 'sms', 'form', 'call'];

function sentence(random: () => number): string {
  const count = 10 + Math.floor(random() * 31); // 10–40 words
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export interface Dataset {
  path: string;
  fileName: string;
  rows: number;
  bytes: number;
}

/** Writes `rows` JSONL tasks ("id", "text", and two metadata fields) into `dir`. */
export async function writeTasksJsonl(dir: string, rows: number, seed = 20260101): Promise<Dataset> {
  const fileName = `tasks-${rows / 1000}k.jsonl`;
  const path = join(dir, fileName);
  const random = createRng(seed);
  const out = createWriteStream(path);
  const day0 = Date.UTC(2026, 0, 1);
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const row = {
      id: `t${String(i).padStart(6, '0')}`,
      text: sentence(random),
      source: SOURCES[Math.floor(random() * SOURCES.length)],
      received: new Date(day0 + Math.floor(random() * 365 * 86_400_000)).toISOString().slice(0, 10),
    };
    buffer += `${JSON.stringify(row)}\n`;
    // Write in chunks and honour back-pressure: a 20 MB string at once would be fine, but this scales.
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return { path, fileName, rows, bytes: (await stat(path)).size };
}
