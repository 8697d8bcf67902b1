// Reading an ONNX file's header: the versions onnxruntime 1.14 cannot run get a message a person can act on.
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { checkOnnxSupported, readOnnxHeader } from '../../../src/lib/model/onnx-header';

const { onnx } = onnxProto;

/** A hand-made ModelProto with a one-node graph, as an exporter of the given versions would write it. */
function modelBytes(irVersion: number, opsets: { domain: string; version: number }[]): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion,
    opsetImport: opsets,
    producerName: 'pytorch',
    graph: { name: 'g', node: [{ opType: 'Identity', input: ['x'], output: ['y'] }] },
  }).finish();
}

describe('readOnnxHeader', () => {
  it('reads IR version, opsets and producer', () => {
    const header = readOnnxHeader(modelBytes(8, [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }]));
    expect(header).toEqual({
      irVersion: 8,
      opsets: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }],
      producer: 'pytorch',
    });
  });

  it('skips a large graph without decoding it', () => {
    const weights = new Uint8Array(8_000_000);
    const bytes = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: { name: 'big', initializer: [{ name: 'w', dataType: 2, dims: [weights.length], rawData: weights }] },
    }).finish();
    const started = performance.now();
    expect(readOnnxHeader(bytes).irVersion).toBe(8);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it.each([
    ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256)],
    ['a JSON file', new TextEncoder().encode('{"model_type": "bert"}')],
    ['a zip file', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
    ['an empty file', new Uint8Array(0)],
  ])('rejects %s as not an ONNX model', (_, bytes) => {
    expect(() => readOnnxHeader(bytes)).toThrow(/not an ONNX model/);
  });
});

describe('checkOnnxSupported', () => {
  it('accepts IR 8 with opset 17 and 18', () => {
    expect(checkOnnxSupported(readOnnxHeader(modelBytes(8, [{ domain: '', version: 17 }])))).toBeNull();
    expect(checkOnnxSupported(readOnnxHeader(modelBytes(8, [{ domain: 'ai.onnx', version: 18 }])))).toBeNull();
  });

  it('explains IR version 9', () => {
    expect(checkOnnxSupported(readOnnxHeader(modelBytes(9, [{ domain: '', version: 17 }])))).toBe(
      "This model's ONNX file uses IR version 9; fieldlabel's onnxruntime 1.14 reads IR version 8 and lower. " +
        'Export it with opset ≤ 18 / IR ≤ 8.',
    );
  });

  it('explains a default-domain opset 19 but ignores other domains', () => {
    expect(checkOnnxSupported(readOnnxHeader(modelBytes(8, [{ domain: '', version: 19 }])))).toBe(
      "This model's ONNX file uses opset 19; fieldlabel's onnxruntime 1.14 reads opset 18 and lower. " +
        'Export it with opset ≤ 18 / IR ≤ 8.',
    );
    expect(checkOnnxSupported(readOnnxHeader(modelBytes(8, [{ domain: 'com.microsoft', version: 19 }])))).toBeNull();
  });
});
