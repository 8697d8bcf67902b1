// A small builder over onnx-proto: nodes get deterministic names, initializers are stored as raw little-endian
// bytes, and the result encodes to the bytes of a .onnx file.
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;

export const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

/** Attribute values as the ONNX operators here need them: ints, floats, int lists. */
export type AttributeValue = number | { float: number } | number[];

type TypedArray = Float32Array | Int8Array | Uint8Array | BigInt64Array;

function rawBytes(values: TypedArray): Uint8Array {
  // Typed arrays are little-endian on every platform Node and browsers run on, which is what ONNX raw_data wants.
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function attribute(name: string, value: AttributeValue): Onnx.IAttributeProto {
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  return { name, type: AttributeType.FLOAT, f: value.float };
}

export class GraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private readonly counters = new Map<string, number>();

  /** Adds a node and returns the names of its outputs (named after the op, numbered in insertion order). */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputCount = 1): string[] {
    const n = this.counters.get(opType) ?? 0;
    this.counters.set(opType, n + 1);
    const name = `${opType}_${n}`;
    const outputs = Array.from({ length: outputCount }, (_, i) => `${name}_out${i}`);
    this.nodes.push({
      name,
      opType,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return outputs;
  }

  /** Same as `op` for the common single-output case. */
  op1(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}): string {
    const [output] = this.op(opType, inputs, attributes);
    return output as string;
  }

  /** Renames the final output of a node so the graph exposes the name Transformers.js looks for. */
  identity(input: string, outputName: string): void {
    this.nodes.push({ name: `${outputName}_identity`, opType: 'Identity', input: [input], output: [outputName] });
  }

  tensor(name: string, dataType: number, dims: number[], values: TypedArray): string {
    this.initializers.push({ name, dataType, dims, rawData: rawBytes(values) });
    return name;
  }

  float(name: string, dims: number[], values: Float32Array | number[]): string {
    return this.tensor(name, DataType.FLOAT, dims, values instanceof Float32Array ? values : Float32Array.from(values));
  }

  int64(name: string, dims: number[], values: number[]): string {
    return this.tensor(name, DataType.INT64, dims, BigInt64Array.from(values.map(BigInt)));
  }

  encodeModel(inputs: Onnx.IValueInfoProto[], outputs: Onnx.IValueInfoProto[], graphName: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'fieldlabel-test-model',
      producerVersion: '1',
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: inputs, output: outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

/** A tensor input/output declaration with symbolic dimensions (strings) or fixed ones (numbers). */
export function valueInfo(name: string, elemType: number, dims: (string | number)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}
