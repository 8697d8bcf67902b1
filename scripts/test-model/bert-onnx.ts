// The BERT encoder as an ONNX graph (IR 8, opset 17: what onnxruntime 1.14 in Transformers.js 2.17 reads).
// Every shape is computed from the inputs, so one file serves any batch size and sequence length.
import { addDense, addEmbedding } from './dense';
import { DataType, GraphBuilder, valueInfo } from './onnx-graph';
import type { BertShape } from './presets';
import type { BertWeights, LayerWeights, NormWeights } from './weights';

const LAYER_NORM_EPS = 1e-12;
// BERT's additive mask: large enough that exp() of a masked score is exactly 0 in float32, so padding never
// changes the result for real tokens.
const MASKED_SCORE = -10000;

function addLayerNorm(g: GraphBuilder, x: string, norm: NormWeights, name: string, size: number): string {
  const gamma = g.float(`${name}.weight`, [size], norm.gamma);
  const beta = g.float(`${name}.bias`, [size], norm.beta);
  return g.op1('LayerNormalization', [x, gamma, beta], { axis: -1, epsilon: { float: LAYER_NORM_EPS } });
}

interface Constants {
  splitHeads: string;
  mergeHeads: string;
  attentionScale: string;
  one: string;
  half: string;
  invSqrt2: string;
}

function addEncoderLayer(
  g: GraphBuilder,
  x: string,
  maskBias: string,
  layer: LayerWeights,
  name: string,
  shape: BertShape,
  c: Constants,
  quantized: boolean,
): string {
  // [batch, seq, hidden] → [batch, heads, seq, headSize] (keys transposed to [batch, heads, headSize, seq]).
  const heads = (input: string, perm: number[]) =>
    g.op1('Transpose', [g.op1('Reshape', [input, c.splitHeads])], { perm });
  const q = heads(addDense(g, x, layer.query, `${name}.attention.query`, quantized), [0, 2, 1, 3]);
  const k = heads(addDense(g, x, layer.key, `${name}.attention.key`, quantized), [0, 2, 3, 1]);
  const v = heads(addDense(g, x, layer.value, `${name}.attention.value`, quantized), [0, 2, 1, 3]);

  const scores = g.op1('Add', [g.op1('Mul', [g.op1('MatMul', [q, k]), c.attentionScale]), maskBias]);
  const probs = g.op1('Softmax', [scores], { axis: -1 });
  const context = g.op1('MatMul', [probs, v]);
  const merged = g.op1('Reshape', [g.op1('Transpose', [context], { perm: [0, 2, 1, 3] }), c.mergeHeads]);
  const attention = addDense(g, merged, layer.attentionOutput, `${name}.attention.output`, quantized);
  const afterAttention = addLayerNorm(g, g.op1('Add', [attention, x]), layer.attentionNorm, `${name}.attention.norm`, shape.hiddenSize);

  const hidden = addDense(g, afterAttention, layer.intermediate, `${name}.intermediate`, quantized);
  // GELU, exact form: 0.5·x·(1 + erf(x/√2)). onnxruntime 1.14 has no Gelu op in the default domain.
  const erf = g.op1('Erf', [g.op1('Mul', [hidden, c.invSqrt2])]);
  const gelu = g.op1('Mul', [g.op1('Mul', [hidden, c.half]), g.op1('Add', [erf, c.one])]);
  const output = addDense(g, gelu, layer.output, `${name}.output`, quantized);
  return addLayerNorm(g, g.op1('Add', [output, afterAttention]), layer.outputNorm, `${name}.output.norm`, shape.hiddenSize);
}

export function buildBertOnnx(shape: BertShape, weights: BertWeights, quantized: boolean): Uint8Array {
  const g = new GraphBuilder();
  const h = shape.hiddenSize;
  const headSize = h / shape.numHeads;
  const c: Constants = {
    // Reshape copies a 0 from the input shape, so batch and sequence length stay dynamic.
    splitHeads: g.int64('shape.split_heads', [4], [0, 0, shape.numHeads, headSize]),
    mergeHeads: g.int64('shape.merge_heads', [3], [0, 0, h]),
    attentionScale: g.float('const.attention_scale', [], [1 / Math.sqrt(headSize)]),
    one: g.float('const.one', [], [1]),
    half: g.float('const.half', [], [0.5]),
    invSqrt2: g.float('const.inv_sqrt2', [], [Math.SQRT1_2]),
  };

  // Positions 0..seq-1 come from the runtime sequence length, not from an input.
  const seqLength = g.op1('Gather', [g.op1('Shape', ['input_ids']), g.int64('const.seq_axis', [], [1])], { axis: 0 });
  const positions = g.op1('Range', [g.int64('const.zero', [], [0]), seqLength, g.int64('const.step', [], [1])]);
  const words = addEmbedding(g, 'input_ids', weights.wordEmbeddings, [shape.vocabSize, h], 'embeddings.word_embeddings', quantized);
  const positionRows = g.op1('Gather', [g.float('embeddings.position_embeddings', [shape.maxPositions, h], weights.positionEmbeddings), positions]);
  const typeRows = g.op1('Gather', [g.float('embeddings.token_type_embeddings', [shape.typeVocabSize, h], weights.tokenTypeEmbeddings), 'token_type_ids']);
  const embedded = g.op1('Add', [g.op1('Add', [words, positionRows]), typeRows]);
  let x = addLayerNorm(g, embedded, weights.embeddingNorm, 'embeddings.norm', h);

  // attention_mask [batch, seq] → additive bias [batch, 1, 1, seq], broadcast over heads and queries.
  const mask = g.op1('Unsqueeze', [g.op1('Cast', ['attention_mask'], { to: DataType.FLOAT }), g.int64('const.mask_axes', [2], [1, 2])]);
  const maskBias = g.op1('Mul', [g.op1('Sub', [c.one, mask]), g.float('const.masked_score', [], [MASKED_SCORE])]);

  weights.layers.forEach((layer, i) => {
    x = addEncoderLayer(g, x, maskBias, layer, `encoder.layer.${i}`, shape, c, quantized);
  });

  const ids = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) =>
    valueInfo(name, DataType.INT64, ['batch_size', 'sequence_length']),
  );
  if (weights.classifier && shape.numLabels !== undefined) {
    g.identity(addDense(g, x, weights.classifier, 'classifier', quantized), 'logits');
    return g.encodeModel(ids, [valueInfo('logits', DataType.FLOAT, ['batch_size', 'sequence_length', shape.numLabels])], 'bert_token_classification');
  }
  g.identity(x, 'last_hidden_state');
  return g.encodeModel(ids, [valueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', h])], 'bert');
}
