// Seeded random weights for a BERT encoder. Generated once per model and shared by the fp32 and int8 files,
// so the two files describe the same network.
import type { BertShape } from './presets';
import { fillNormal, mulberry32 } from './random';

/** y = x·weight + bias, weight stored row-major as [inputs, outputs] (the layout ONNX MatMul expects). */
export interface DenseWeights {
  inputs: number;
  outputs: number;
  weight: Float32Array;
  bias: Float32Array;
}

export interface NormWeights {
  gamma: Float32Array;
  beta: Float32Array;
}

export interface LayerWeights {
  query: DenseWeights;
  key: DenseWeights;
  value: DenseWeights;
  attentionOutput: DenseWeights;
  attentionNorm: NormWeights;
  intermediate: DenseWeights;
  output: DenseWeights;
  outputNorm: NormWeights;
}

export interface BertWeights {
  wordEmbeddings: Float32Array;
  positionEmbeddings: Float32Array;
  tokenTypeEmbeddings: Float32Array;
  embeddingNorm: NormWeights;
  layers: LayerWeights[];
  classifier?: DenseWeights;
}

// BERT's initializer_range: small enough that LayerNorm, not one weight, dominates each activation.
const WEIGHT_STD = 0.02;

export function generateBertWeights(shape: BertShape, seed: number): BertWeights {
  const random = mulberry32(seed);
  const normal = (length: number) => fillNormal(random, length, WEIGHT_STD);
  const dense = (inputs: number, outputs: number): DenseWeights => ({
    inputs,
    outputs,
    weight: normal(inputs * outputs),
    bias: normal(outputs),
  });
  const norm = (): NormWeights => ({
    gamma: new Float32Array(shape.hiddenSize).fill(1),
    beta: new Float32Array(shape.hiddenSize),
  });
  const { hiddenSize: h, intermediateSize: ffn } = shape;

  return {
    wordEmbeddings: normal(shape.vocabSize * h),
    positionEmbeddings: normal(shape.maxPositions * h),
    tokenTypeEmbeddings: normal(shape.typeVocabSize * h),
    embeddingNorm: norm(),
    layers: Array.from({ length: shape.numLayers }, () => ({
      query: dense(h, h),
      key: dense(h, h),
      value: dense(h, h),
      attentionOutput: dense(h, h),
      attentionNorm: norm(),
      intermediate: dense(h, ffn),
      output: dense(ffn, h),
      outputNorm: norm(),
    })),
    ...(shape.numLabels !== undefined ? { classifier: dense(h, shape.numLabels) } : {}),
  };
}
