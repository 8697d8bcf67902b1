// Span suggestions from the generated token classifier through real Transformers.js: offsets exact in UTF-16 units
// whatever the text holds, words tagged by their first piece, IOB2 decoded, and long texts read in windows.
import * as transformers from '@xenova/transformers';
import fc from 'fast-check';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIob, entityTypesOf, parseTag } from '../../../src/lib/model/iob';
import { loadSpanTagger, planWindows, type SpanTagger } from '../../../src/lib/model/span-tagger';
import { alignTokens, type TokenizerRules } from '../../../src/lib/model/token-alignment';
import { TEST_MODELS_ROOT, testModelDir } from '../support/test-model';

const { env } = transformers;
let nerId: string;
let tagger: SpanTagger;
let tokenizer: transformers.PreTrainedTokenizer;
let rules: TokenizerRules;
let savedEnv: Partial<typeof env>;

beforeAll(async () => {
  savedEnv = { localModelPath: env.localModelPath, allowRemoteModels: env.allowRemoteModels, useFSCache: env.useFSCache };
  Object.assign(env, { localModelPath: TEST_MODELS_ROOT, allowRemoteModels: false, useFSCache: false });
  nerId = basename(await testModelDir('test-tiny-ner'));
  tagger = await loadSpanTagger(transformers, nerId, { quantized: true });
  tokenizer = await transformers.AutoTokenizer.from_pretrained(nerId);
  rules = { normalize: (c) => tokenizer.normalizer.normalize(c), continuingPrefix: '##', wordStartMarker: null, unkToken: '[UNK]' };
});

afterAll(async () => {
  await tagger.dispose();
  Object.assign(env, savedEnv);
});

const contentTokens = (text: string) => tokenizer.model.convert_ids_to_tokens(tokenizer.encode(text, null, { add_special_tokens: false }));
const spansWithText = (text: string, spans: { start: number; end: number; type: string }[]) =>
  spans.map((s) => `${s.type} ${s.start}-${s.end} ${text.slice(s.start, s.end)}`);

describe('alignTokens', () => {
  it('places every token of accented, emoji and CJK text at its exact UTF-16 offsets', () => {
    const text = 'Zoë\u0301 ΟΔΟΣ,  東京\t🎉👩‍💻 [UNK] café';
    const tokens = contentTokens(text);
    const placed = alignTokens(text, tokens, rules).map((o, i) => `${tokens[i]}=${o ? text.slice(o.start, o.end) : '∅'}`);
    expect(placed).toEqual([
      // 'Zoë' + a second combining accent: both marks are stripped and belong to the e.
      'z=Z', '##oe=oë\u0301',
      // Greek is not in the tiny vocabulary: one unknown word.
      '[UNK]=ΟΔΟΣ', ',=,',
      // CJK characters are words of their own.
      '[UNK]=東', '[UNK]=京',
      // An emoji is a word; the zero-width joiner is dropped by the normaliser and stays with its emoji.
      '[UNK]=🎉👩‍💻',
      // Typed "[UNK]" is the special token itself, not an unknown word.
      '[UNK]=[UNK]',
      'c=c', '##af=af', '##e=é',
    ]);
  });

  it('matches a word-final sigma, which whole-text lower-casing makes ς and per-character σ', () => {
    expect(alignTokens('ΟΔΟΣ ΟΔΟΣ', ['οδος', 'οδος'], rules)).toEqual([{ start: 0, end: 4 }, { start: 5, end: 9 }]);
  });

  it('aligns whatever the text, in order and inside it, and every piece matches its normalised source', () => {
    const pieces = ['Ada', 'lovelace', 'José', 'e\u0301', 'ΣΟΦΙΑΣ', '東京', '𠀀', '🎉', '👍🏽', 'naïve', ',', '!', '—', '\u200b', '\t', '\n', ' ', 'x'.repeat(120), '##', '[UNK]', '[SEP]'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const tokens = contentTokens(text);
        const offsets = alignTokens(text, tokens, rules);
        let last = 0;
        offsets.forEach((o, i) => {
          expect(o, `${tokens[i]} in ${JSON.stringify(text)}`).not.toBeNull();
          const { start, end } = o as { start: number; end: number };
          expect(start).toBeGreaterThanOrEqual(last);
          expect(end).toBeLessThanOrEqual(text.length);
          last = end;
          const token = tokens[i] as string;
          if (token === '[UNK]' || token === '[SEP]') return;
          const piece = token.startsWith('##') && token.length > 2 ? token.slice(2) : token;
          expect(tokenizer.normalizer.normalize(text.slice(start, end)).replace(/\s/g, '').replace(/ς/g, 'σ')).toBe(piece.replace(/ς/g, 'σ'));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a token it cannot find unplaced and goes on with the next', () => {
    expect(alignTokens('alpha beta', ['alpha', 'zzz', 'beta'], rules)).toEqual([{ start: 0, end: 5 }, null, { start: 6, end: 10 }]);
  });
});

describe('decodeIob', () => {
  const w = (start: number, tag: string, p = 1) => ({ start, end: start + 1, tag, p });

  it('joins B- and I- words of one type, and starts a span at a stray I- or a type change', () => {
    const spans = decodeIob([w(0, 'B-PER', 0.9), w(2, 'I-PER', 0.7), w(4, 'O'), w(6, 'I-LOC'), w(8, 'I-PER'), w(10, 'B-PER'), w(12, 'B-PER')]);
    expect(spans).toEqual([
      { start: 0, end: 3, type: 'PER', confidence: 0.8 },
      { start: 6, end: 7, type: 'LOC', confidence: 1 },
      { start: 8, end: 9, type: 'PER', confidence: 1 },
      { start: 10, end: 11, type: 'PER', confidence: 1 },
      { start: 12, end: 13, type: 'PER', confidence: 1 },
    ]);
  });

  it('reads tags without a prefix as inside, and lists entity types once', () => {
    expect(parseTag('O')).toBeNull();
    expect(parseTag('B_ORG')).toEqual({ begins: true, type: 'ORG' });
    expect(decodeIob([w(0, 'DRUG'), w(2, 'DRUG')])).toEqual([{ start: 0, end: 3, type: 'DRUG', confidence: 1 }]);
    expect(entityTypesOf(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'MISC'])).toEqual(['PER', 'LOC', 'MISC']);
  });
});

describe('planWindows', () => {
  it('reads every token from one window where it has context on both sides', () => {
    const { starts, windowOf } = planWindows(1000, 126);
    for (let t = 0; t < 1000; t++) {
      const start = starts[windowOf(t)] as number;
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThan(start + 126);
      if (t >= 15) expect(t - start).toBeGreaterThanOrEqual(15);
      if (t < 1000 - 15) expect(start + 126 - t).toBeGreaterThan(15);
    }
    expect(planWindows(126, 126).starts).toEqual([0]);
  });
});

describe('loadSpanTagger', () => {
  it('knows the tags and entity types of the model', () => {
    expect(tagger.tags).toEqual(['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC']);
    expect(tagger.entityTypes).toEqual(['PER', 'ORG', 'LOC']);
  });

  it('finds the known spans with exact offsets around accents, emoji and CJK', async () => {
    const text = '🎉 Ada Lovelace met José\u0301 at UNESCO in 東京, then Parisian labs.';
    const spans = await tagger.tag(text);
    expect(spansWithText(text, spans)).toEqual([
      'PER 3-15 Ada Lovelace',
      'PER 20-25 José\u0301',
      'ORG 29-35 UNESCO',
      // "Parisian" is paris + ##ia + ##n: the first piece decides for the whole word.
      'LOC 48-56 Parisian',
      // "labs" alone is I-ORG after an O word: a stray I- starts a span, as conlleval reads it.
      'ORG 57-61 labs',
    ]);
    for (const span of spans) {
      expect(span.confidence).toBeGreaterThan(0.5);
      expect(span.confidence).toBeLessThanOrEqual(1);
    }
    expect(await tagger.tag('')).toEqual([]);
    expect(await tagger.tag('  \n ')).toEqual([]);
  });

  it('tags a long text in windows exactly as it tags each of its sentences', async () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Report ${i}: Marie Curie and Amara Okafor went from Lagos to Tokyo for Acme Labs.`);
    const text = sentences.join(' ');
    expect(contentTokens(text).length).toBeGreaterThan(500);
    const expected: string[] = [];
    let offset = 0;
    for (const sentence of sentences) {
      for (const s of await tagger.tag(sentence)) expected.push(`${s.type} ${s.start + offset}-${s.end + offset}`);
      offset += sentence.length + 1;
    }
    expect(expected).toHaveLength(40 * 5);
    const short = await loadSpanTagger(transformers, nerId, { quantized: true, maxTokens: 24 });
    for (const t of [tagger, short]) expect((await t.tag(text)).map((s) => `${s.type} ${s.start}-${s.end}`)).toEqual(expected);
    await short.dispose();
  });

  it('refuses a byte-level BPE tokenizer, whose tokens cannot be placed in the text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-byte-level-'));
    try {
      const source = await testModelDir('test-tiny-ner');
      await cp(source, join(dir, 'byte-level-ner'), { recursive: true });
      const tokenizerFile = join(dir, 'byte-level-ner', 'tokenizer.json');
      const json = JSON.parse(await readFile(tokenizerFile, 'utf8')) as Record<string, unknown>;
      await writeFile(tokenizerFile, JSON.stringify({ ...json, decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true } }));
      env.localModelPath = `${dir}/`;
      await expect(loadSpanTagger(transformers, 'byte-level-ner', { quantized: true })).rejects.toThrow(/byte-level BPE \(RoBERTa-style\)/);
    } finally {
      env.localModelPath = TEST_MODELS_ROOT;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a model without a token-classification head, with the reason', async () => {
    const plainId = basename(await testModelDir('test-tiny'));
    await expect(loadSpanTagger(transformers, plainId, { quantized: true })).rejects.toThrow(/not a token classifier/);
  });
});
