// Re-scoring's embedding part as a WebAssembly SIMD kernel: every row's embedding against every scored class is
// 100,000 × classes × 384 multiply-adds after each retrain, and V8 runs the plain loop one lane at a time. The
// module is a few hundred bytes assembled here (no toolchain, no file to fetch), four classes to a 128-bit lane
// group. Our Content-Security-Policy allows compiling it ('wasm-unsafe-eval'); where WebAssembly or its SIMD is
// missing, `denseKernel` gives null and rescore.ts keeps its plain loops.

/** Classes per 128-bit group of four Float32 lanes. */
export const LANES = 4;
/** Rows copied into the kernel's memory per call: ~0.8 MB of 384-dim embeddings, which stays in the L2 cache. */
const CHUNK_ROWS = 512;
const PAGE = 65536;

/**
 * Σ_j x_r[j]·W[j][c] for each row r of a chunk and each class column c, in Float32. W is dims × columns, row-major,
 * columns a multiple of four. A kernel is built for one column count (its accumulators are distinct locals).
 */
export interface DenseKernel {
  /** Loads W; `dims` is the embedding length, `columns` a multiple of four. */
  setWeights(weights: Float32Array, dims: number, columns: number): void;
  /**
   * Scores rows[from … to) (at most CHUNK_ROWS) and returns a view of (to − from) × columns results, valid until the
   * next call. A missing embedding counts as zeros; a longer one is cut to dims.
   */
  score(rows: readonly (Float32Array | null)[], from: number, to: number): Float32Array;
  readonly chunkRows: number;
}

const kernels = new Map<number, DenseKernel | null>();

/** The kernel for `columns` weight columns (a multiple of four), or null where WebAssembly SIMD is not available. */
export function denseKernel(columns: number): DenseKernel | null {
  if (!kernels.has(columns)) kernels.set(columns, compile(columns));
  return kernels.get(columns) as DenseKernel | null;
}

function compile(columns: number): DenseKernel | null {
  if (typeof WebAssembly !== 'object' || columns % LANES !== 0 || columns <= 0) return null;
  const bytes = assembleModule(columns / LANES);
  try {
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return new WasmDenseKernel(memory, instance.exports['dense'] as KernelFunction, columns);
  } catch {
    return null;
  }
}

type KernelFunction = (x: number, rows: number, dims: number, w: number, out: number) => void;

class WasmDenseKernel implements DenseKernel {
  readonly chunkRows = CHUNK_ROWS;
  /** The embedding length rounded up to even: the kernel takes two dimensions per step. */
  private stride = 0;
  private dims = 0;
  private weightsAt = 0;
  private rowsAt = 0;
  private outAt = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly run: KernelFunction,
    private readonly columns: number,
  ) {}

  setWeights(weights: Float32Array, dims: number, columns: number): void {
    if (columns !== this.columns) throw new RangeError(`This kernel scores ${this.columns} columns, not ${columns}.`);
    this.dims = dims;
    this.stride = dims + (dims % 2);
    const weightBytes = this.stride * columns * 4;
    this.rowsAt = weightBytes;
    this.outAt = this.rowsAt + CHUNK_ROWS * this.stride * 4;
    const needed = this.outAt + CHUNK_ROWS * columns * 4;
    if (needed > this.memory.buffer.byteLength) this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE));
    const w = new Float32Array(this.memory.buffer, this.weightsAt, this.stride * columns);
    w.set(weights.subarray(0, dims * columns));
    // The padding row multiplies the rows' padding slot, which score() zeroes: it adds nothing.
    w.fill(0, dims * columns);
  }

  score(rows: readonly (Float32Array | null)[], from: number, to: number): Float32Array {
    const count = to - from;
    if (count > CHUNK_ROWS) throw new RangeError(`At most ${CHUNK_ROWS} rows a call, got ${count}.`);
    const { dims, stride } = this;
    const x = new Float32Array(this.memory.buffer, this.rowsAt, count * stride);
    for (let r = 0; r < count; r++) {
      const dense = rows[from + r] ?? null;
      const at = r * stride;
      let copied = 0;
      if (dense !== null) {
        copied = Math.min(dims, dense.length);
        x.set(copied === dense.length ? dense : dense.subarray(0, copied), at);
      }
      if (copied < stride) x.fill(0, at + copied, at + stride);
    }
    this.run(this.rowsAt, count, stride, this.weightsAt, this.outAt);
    return new Float32Array(this.memory.buffer, this.outAt, count * this.columns);
  }
}

// --- The module: (import "env" "memory") (func (export "dense") (param x rows dims w out i32)), assembled by hand.

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  simd: 0xfd,
} as const;
// SIMD opcodes follow the 0xfd prefix as unsigned LEB128.
const simd = { v128Load: 0x00, load32Splat: 0x09, v128Store: 0x0b, v128Const: 0x0c, f32x4Add: 0xe4, f32x4Mul: 0xe6 } as const;

function unsigned(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function signed(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsigned(body.length), ...body];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsigned(bytes.length), ...bytes];
}

/**
 * The kernel for `groups` groups of four columns. Per row: for each pair of dimensions j, j + 1, splat x[j] and
 * x[j + 1] and add their products with W's rows j and j + 1 into two accumulators per group (two chains, so each
 * addition need not wait for the one before), then store the sums.
 */
export function assembleModule(groups: number): Uint8Array<ArrayBuffer> {
  // Locals after the five parameters (x, rows, dims, w, out).
  const [X, ROWS, DIMS, W, OUT] = [0, 1, 2, 3, 4];
  const [END, ROW_BYTES, XP, XP_END, WP, SPLAT0, SPLAT1] = [5, 6, 7, 8, 9, 10, 11];
  const ACC = 12; // acc[u][g] at ACC + u · groups + g, u ∈ {0, 1}
  const columnBytes = groups * LANES * 4;
  const get = (i: number): number[] => [op.localGet, ...unsigned(i)];
  const set = (i: number): number[] => [op.localSet, ...unsigned(i)];
  const simdOp = (code: number, ...immediates: number[]): number[] => [op.simd, ...unsigned(code), ...immediates];
  const memarg = (align: number, offset: number): number[] => [...unsigned(align), ...unsigned(offset)];
  const addTo = (local: number, offset: number, splat: number): number[] => [
    ...get(local),
    ...get(splat),
    ...get(WP),
    ...simdOp(simd.v128Load, ...memarg(4, offset)),
    ...simdOp(simd.f32x4Mul),
    ...simdOp(simd.f32x4Add),
    ...set(local),
  ];
  const accumulators = Array.from({ length: 2 * groups }, (_, k) => ACC + k);

  const body: number[] = [
    // end = x + rows · dims · 4; rowBytes = dims · 4
    ...get(DIMS), ...[op.i32Const, ...signed(4)], op.i32Mul, ...set(ROW_BYTES),
    ...get(ROWS), ...get(ROW_BYTES), op.i32Mul, ...get(X), op.i32Add, ...set(END),
    op.block, 0x40, op.loop, 0x40,
    ...get(X), ...get(END), op.i32GeU, op.brIf, 1,
    ...accumulators.flatMap((a) => [...simdOp(simd.v128Const, ...new Array<number>(16).fill(0)), ...set(a)]),
    ...get(X), ...set(XP),
    ...get(X), ...get(ROW_BYTES), op.i32Add, ...set(XP_END),
    ...get(W), ...set(WP),
    op.block, 0x40, op.loop, 0x40,
    ...get(XP), ...get(XP_END), op.i32GeU, op.brIf, 1,
    ...get(XP), ...simdOp(simd.load32Splat, ...memarg(2, 0)), ...set(SPLAT0),
    ...get(XP), ...simdOp(simd.load32Splat, ...memarg(2, 4)), ...set(SPLAT1),
    ...Array.from({ length: groups }, (_, g) => [...addTo(ACC + g, g * 16, SPLAT0), ...addTo(ACC + groups + g, columnBytes + g * 16, SPLAT1)]).flat(),
    ...get(WP), ...[op.i32Const, ...signed(2 * columnBytes)], op.i32Add, ...set(WP),
    ...get(XP), ...[op.i32Const, ...signed(8)], op.i32Add, ...set(XP),
    op.br, 0,
    op.end, op.end,
    ...Array.from({ length: groups }, (_, g) => [
      ...get(OUT),
      ...get(ACC + g),
      ...get(ACC + groups + g),
      ...simdOp(simd.f32x4Add),
      ...simdOp(simd.v128Store, ...memarg(4, g * 16)),
    ]).flat(),
    ...get(OUT), ...[op.i32Const, ...signed(columnBytes)], op.i32Add, ...set(OUT),
    ...get(X), ...get(ROW_BYTES), op.i32Add, ...set(X),
    op.br, 0,
    op.end, op.end,
    op.end,
  ];
  const locals = [...unsigned(2), ...unsigned(5), I32, ...unsigned(2 + 2 * groups), V128];
  const code = [...unsigned(locals.length + body.length), ...locals, ...body];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, ...unsigned(1)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('dense'), 0x00, 0]),
    ...section(10, [1, ...code]),
  ]);
}
