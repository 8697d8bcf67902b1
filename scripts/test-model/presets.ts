// Model sizes and the config.json Transformers.js reads to pick the model class.

export type PresetName = 'tiny' | 'minilm';

export interface BertShape {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  maxPositions: number;
  typeVocabSize: number;
  /** Present only for the token-classification head. */
  numLabels?: number;
}

export interface Preset {
  /** undefined: the vocabulary is just the word list and its pieces; a number pads it to that size. */
  vocabTarget?: number;
  shape: Omit<BertShape, 'vocabSize' | 'numLabels'>;
}

export const PRESETS: Record<PresetName, Preset> = {
  tiny: {
    shape: { hiddenSize: 32, numLayers: 2, numHeads: 2, intermediateSize: 64, maxPositions: 128, typeVocabSize: 2 },
  },
  // The shape of sentence-transformers/all-MiniLM-L6-v2, so sizes and speeds are realistic.
  minilm: {
    vocabTarget: 30522,
    shape: { hiddenSize: 384, numLayers: 6, numHeads: 12, intermediateSize: 1536, maxPositions: 512, typeVocabSize: 2 },
  },
};

export function isPresetName(value: string): value is PresetName {
  return Object.hasOwn(PRESETS, value);
}

export function buildConfigJson(preset: PresetName, shape: BertShape, labels: readonly string[] | undefined): object {
  const base = {
    // The token classifier gets a name of its own: both may be offered side by side.
    _name_or_path: labels ? `fieldlabel/test-ner-${preset}` : `fieldlabel/test-${preset}`,
    // Random (or hand-set) weights: the app reads this flag and never presents the model as a trained one.
    fieldlabel_test_model: true,
    architectures: [labels ? 'BertForTokenClassification' : 'BertModel'],
    model_type: 'bert',
    attention_probs_dropout_prob: 0.1,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: shape.hiddenSize,
    initializer_range: 0.02,
    intermediate_size: shape.intermediateSize,
    layer_norm_eps: 1e-12,
    max_position_embeddings: shape.maxPositions,
    num_attention_heads: shape.numHeads,
    num_hidden_layers: shape.numLayers,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
    type_vocab_size: shape.typeVocabSize,
    vocab_size: shape.vocabSize,
  };
  if (!labels) return base;
  return {
    ...base,
    id2label: Object.fromEntries(labels.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(labels.map((label, id) => [label, id])),
  };
}
