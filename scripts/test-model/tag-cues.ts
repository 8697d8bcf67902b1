// Makes the token-classification test model tag a fixed word list, so tests can assert exact spans: a model with
// only random weights tags nothing anyone could predict. Each label owns one "cue channel" of the hidden state.
// A cue word's embedding is large in its label's channel and every other embedding is zero there; the encoder
// layers never write into cue channels, so the cue reaches the classifier on the residual path, and the
// classifier reads each channel into its label. Everything else stays seeded-random.
import type { BertShape } from './presets';
import type { BertWeights, DenseWeights } from './weights';

/** Uncased words the model tags, by IOB2 tag. "jose" is what the tokenizer makes of "José". */
export const CUE_WORDS: Readonly<Record<string, readonly string[]>> = {
  'B-PER': ['ada', 'alice', 'amara', 'jose', 'marie'],
  'I-PER': ['curie', 'lovelace', 'okafor'],
  'B-ORG': ['acme', 'unesco'],
  'I-ORG': ['labs'],
  'B-LOC': ['lagos', 'nairobi', 'paris', 'tokyo'],
};

// Five times the weight spread: after LayerNorm a cue channel stands at about 4, an empty one near 0.
const CUE_STRENGTH = 0.2;
const CLASSIFIER_GAIN = 1.5;
// With no cue, O must win clearly over the label logits' random noise (about ±0.3).
const OUTSIDE_BIAS = 3;
// Cue channels take the top of the hidden state; the rest must stay wide enough to look like an encoder.
const MIN_FREE_CHANNELS = 8;

/** The cue words of the labels present, in a fixed order (they join the vocabulary). */
export function cueWordsFor(labels: readonly string[]): string[] {
  return labels.flatMap((label) => CUE_WORDS[label] ?? []);
}

function cueChannel(shape: BertShape, labelId: number, labelCount: number): number {
  return shape.hiddenSize - labelCount + labelId;
}

function zeroColumns(dense: DenseWeights, columns: number[]): void {
  for (let row = 0; row < dense.inputs; row++) for (const column of columns) dense.weight[row * dense.outputs + column] = 0;
  for (const column of columns) dense.bias[column] = 0;
}

function zeroChannels(table: Float32Array, hidden: number, channels: number[]): void {
  for (let row = 0; row < table.length / hidden; row++) for (const channel of channels) table[row * hidden + channel] = 0;
}

/** Rewrites `weights` in place; `vocab` is the token list in id order. */
export function applyTagCues(weights: BertWeights, shape: BertShape, vocab: readonly string[], labels: readonly string[]): void {
  const classifier = weights.classifier;
  if (!classifier) throw new Error('tag cues need a token-classification head');
  if (shape.hiddenSize - labels.length < MIN_FREE_CHANNELS) {
    throw new Error(`${labels.length} labels leave too few of ${shape.hiddenSize} hidden channels; use fewer labels`);
  }
  const h = shape.hiddenSize;
  const channels = labels.map((_, id) => cueChannel(shape, id, labels.length));
  for (const table of [weights.wordEmbeddings, weights.positionEmbeddings, weights.tokenTypeEmbeddings]) zeroChannels(table, h, channels);
  for (const layer of weights.layers) {
    zeroColumns(layer.attentionOutput, channels);
    zeroColumns(layer.output, channels);
  }

  const ids = new Map(vocab.map((token, id) => [token, id]));
  labels.forEach((label, labelId) => {
    const channel = channels[labelId] as number;
    for (const word of CUE_WORDS[label] ?? []) {
      const id = ids.get(word);
      if (id === undefined) throw new Error(`the vocabulary lacks the cue word ${word}`);
      weights.wordEmbeddings[id * h + channel] = CUE_STRENGTH;
    }
    classifier.weight[channel * classifier.outputs + labelId] = CLASSIFIER_GAIN;
  });
  const outside = labels.indexOf('O');
  if (outside >= 0) classifier.bias[outside] = OUTSIDE_BIAS;
}
