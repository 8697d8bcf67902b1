// Weight layers in fp32 or int8. The int8 form is the pattern onnxruntime's quantize_dynamic writes (and the
// published *_quantized.onnx models use), so the test model exercises the same kernels as a real one.
import { DataType, type GraphBuilder } from './onnx-graph';
import type { DenseWeights } from './weights';

interface Int8Tensor {
  values: Int8Array;
  scale: number;
}

/** Per-tensor symmetric quantization: zero point 0, scale so that the largest |w| maps to 127. */
function quantizeInt8(values: Float32Array): Int8Tensor {
  // Plain indexed loops: MiniLM has 22M weights, and for-of/Math.max/Math.min here cost over a second.
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const magnitude = Math.abs(values[i] as number);
    if (magnitude > maxAbs) maxAbs = magnitude;
  }
  const scale = maxAbs > 0 ? maxAbs / 127 : 1;
  const quantized = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const rounded = Math.round((values[i] as number) / scale);
    quantized[i] = rounded > 127 ? 127 : rounded < -127 ? -127 : rounded;
  }
  return { values: quantized, scale };
}

/** x·W + b; with `quantized`, x is quantized on the fly and multiplied by int8 W in integer arithmetic. */
export function addDense(g: GraphBuilder, x: string, dense: DenseWeights, name: string, quantized: boolean): string {
  const bias = g.float(`${name}.bias`, [dense.outputs], dense.bias);
  if (!quantized) {
    const weight = g.float(`${name}.weight`, [dense.inputs, dense.outputs], dense.weight);
    return g.op1('Add', [g.op1('MatMul', [x, weight]), bias]);
  }
  const q = quantizeInt8(dense.weight);
  const weight = g.tensor(`${name}.weight_quantized`, DataType.INT8, [dense.inputs, dense.outputs], q.values);
  const weightZero = g.tensor(`${name}.weight_zero_point`, DataType.INT8, [], new Int8Array(1));
  const weightScale = g.float(`${name}.weight_scale`, [], [q.scale]);
  const [xq, xScale, xZero] = g.op('DynamicQuantizeLinear', [x], {}, 3) as [string, string, string];
  const product = g.op1('MatMulInteger', [xq, weight, xZero, weightZero]);
  const scale = g.op1('Mul', [xScale, weightScale]);
  const y = g.op1('Mul', [g.op1('Cast', [product], { to: DataType.FLOAT }), scale]);
  return g.op1('Add', [y, bias]);
}

/**
 * Embedding lookup. The int8 form gathers int8 rows and dequantizes only those, which is what makes a
 * MiniLM-sized quantized file ~23 MB instead of ~58 MB (the word table is most of the parameters).
 */
export function addEmbedding(
  g: GraphBuilder,
  ids: string,
  table: Float32Array,
  dims: [number, number],
  name: string,
  quantized: boolean,
): string {
  if (!quantized) return g.op1('Gather', [g.float(name, dims, table), ids]);
  const q = quantizeInt8(table);
  const quantizedTable = g.tensor(`${name}_quantized`, DataType.INT8, dims, q.values);
  const rows = g.op1('Gather', [quantizedTable, ids]);
  const scale = g.float(`${name}_scale`, [], [q.scale]);
  const zero = g.tensor(`${name}_zero_point`, DataType.INT8, [], new Int8Array(1));
  return g.op1('DequantizeLinear', [rows, scale, zero]);
}
