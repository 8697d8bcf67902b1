// Reads the few top-level fields of an ONNX ModelProto (IR version, opsets, producer) without decoding the
// graph, so the app can refuse a model onnxruntime 1.14 cannot run before spending seconds loading it.
// Pure: runs in the page, in workers and in Node.

export interface OnnxHeader {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producer: string;
}

/** The newest formats the bundled onnxruntime 1.14 (Transformers.js 2.17) accepts. */
export const MAX_IR_VERSION = 8;
export const MAX_DEFAULT_OPSET = 18;

// ModelProto field numbers (onnx.proto).
const IR_VERSION = 1;
const PRODUCER_NAME = 2;
const GRAPH = 7;
const OPSET_IMPORT = 8;
// OperatorSetIdProto field numbers.
const OPSET_DOMAIN = 1;
const OPSET_VERSION = 2;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

class NotOnnxError extends Error {}

/** A cursor over protobuf wire format; lengths are JS numbers, exact up to 2^53 (far beyond any file). */
class WireReader {
  position = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly end = bytes.length,
  ) {}

  get done(): boolean {
    return this.position >= this.end;
  }

  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (this.position >= this.end) throw new NotOnnxError('truncated varint');
      const byte = this.bytes[this.position++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new NotOnnxError('varint longer than 10 bytes');
  }

  /** Returns [start, end) of a length-delimited field and moves past it. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.position;
    if (start + length > this.end) throw new NotOnnxError('field runs past the end of the file');
    this.position = start + length;
    return [start, this.position];
  }

  skip(wireType: number): void {
    if (wireType === WIRE_VARINT) this.varint();
    else if (wireType === WIRE_LENGTH) this.span();
    else if (wireType === WIRE_FIXED64) this.advance(8);
    else if (wireType === WIRE_FIXED32) this.advance(4);
    else throw new NotOnnxError(`unsupported wire type ${wireType}`);
  }

  sub([start, end]: [number, number]): WireReader {
    const reader = new WireReader(this.bytes, end);
    reader.position = start;
    return reader;
  }

  text([start, end]: [number, number]): string {
    return new TextDecoder().decode(this.bytes.subarray(start, end));
  }

  private advance(count: number): void {
    if (this.position + count > this.end) throw new NotOnnxError('field runs past the end of the file');
    this.position += count;
  }
}

function readOpset(reader: WireReader): { domain: string; version: number } {
  const opset = { domain: '', version: 0 };
  while (!reader.done) {
    const tag = reader.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field === OPSET_DOMAIN && wireType === WIRE_LENGTH) opset.domain = reader.text(reader.span());
    else if (field === OPSET_VERSION && wireType === WIRE_VARINT) opset.version = reader.varint();
    else reader.skip(wireType);
  }
  return opset;
}

export function readOnnxHeader(bytes: Uint8Array): OnnxHeader {
  const header: OnnxHeader = { irVersion: 0, opsets: [], producer: '' };
  let hasGraph = false;
  try {
    const reader = new WireReader(bytes);
    while (!reader.done) {
      const tag = reader.varint();
      const field = Math.floor(tag / 8);
      const wireType = tag % 8;
      if (field === 0) throw new NotOnnxError('field number 0');
      if (field === IR_VERSION && wireType === WIRE_VARINT) header.irVersion = reader.varint();
      else if (field === PRODUCER_NAME && wireType === WIRE_LENGTH) header.producer = reader.text(reader.span());
      else if (field === OPSET_IMPORT && wireType === WIRE_LENGTH) header.opsets.push(readOpset(reader.sub(reader.span())));
      else if (field === GRAPH && wireType === WIRE_LENGTH) {
        reader.span();
        hasGraph = true;
      } else reader.skip(wireType);
    }
  } catch (error) {
    if (error instanceof NotOnnxError) throw new Error(`This file is not an ONNX model (${error.message}).`);
    throw error;
  }
  // Random bytes can parse as protobuf by chance; a real model always names its IR version and has a graph.
  if (header.irVersion === 0 || !hasGraph) {
    throw new Error('This file is not an ONNX model (no IR version or graph found).');
  }
  return header;
}

function isDefaultDomain(domain: string): boolean {
  return domain === '' || domain === 'ai.onnx';
}

/** A message a person can act on when onnxruntime 1.14 cannot read the model, else null. */
export function checkOnnxSupported(header: OnnxHeader): string | null {
  const fix = `Export it with opset ≤ ${MAX_DEFAULT_OPSET} / IR ≤ ${MAX_IR_VERSION}.`;
  if (header.irVersion > MAX_IR_VERSION) {
    return (
      `This model's ONNX file uses IR version ${header.irVersion}; fieldlabel's onnxruntime 1.14 reads IR version ` +
      `${MAX_IR_VERSION} and lower. ${fix}`
    );
  }
  const opset = header.opsets.find((o) => isDefaultDomain(o.domain) && o.version > MAX_DEFAULT_OPSET);
  if (opset) {
    return (
      `This model's ONNX file uses opset ${opset.version}; fieldlabel's onnxruntime 1.14 reads opset ` +
      `${MAX_DEFAULT_OPSET} and lower. ${fix}`
    );
  }
  return null;
}
