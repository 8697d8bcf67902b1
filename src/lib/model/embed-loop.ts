// Embeds a project's tasks in the background, a chunk at a time, storing each chunk before the next: a reload
// resumes where it stopped. Between chunks it yields, so the worker keeps answering suggestions. It never takes the
// device into the room kept for labels (storage/room.ts): it secures the room it will take before it starts, and
// stops, keeping what it stored, when that room runs out. A task may have several texts to embed (a compare task's
// prompt and each response): its stored vector is theirs end to end, so a task is still one row under its own key.
import type { FieldlabelDb } from '../db/database';
import { putEmbeddings } from '../db/models';
import { JobRoom, type JobRoomDeps } from '../storage/job-room';
import type { Encoder } from './encoder';

/** Tasks per stored chunk: large enough to batch well, small enough that progress and cancel stay prompt. */
const CHUNK = 128;

/**
 * What IndexedDB takes for one stored embedding: its vector's bytes (dims × 4) × 1.25, plus 250 bytes of keys, ids and
 * record overhead. Measured in Chromium 156 on an on-disk profile, rows as the app writes them (a UUID project id, a
 * model id, 128 rows a transaction): 384 dims (1,536 vector bytes) took 1,906 bytes a row right after 20,000 rows and
 * 1,761–1,776 once 100,000 had settled; 32 dims (128 bytes) took 375 right after and 206 settled.
 */
export function storedEmbeddingBytes(dims: number): number {
  return Math.ceil(dims * 4 * 1.25) + 250;
}

export interface EmbedJob {
  db: FieldlabelDb;
  projectId: string;
  encoder: Encoder;
  /** Each task's texts, in the order their vectors are stored (one text for classification). */
  missing: { id: string; texts: string[] }[];
  alreadyDone: number;
  total: number;
  isCancelled: () => boolean;
  onChunk: (vectors: Map<string, Float32Array>) => void;
  onProgress: (done: number, total: number) => void;
  /** Where the pass checks, before it starts and before every chunk, that the rest of it fits. */
  room?: JobRoomDeps;
}

/**
 * Resolves true when every missing task was embedded, false when cancelled. Throws NotEnoughRoomError, having
 * embedded nothing or stored every chunk before, when the device has no room for the rest.
 */
export async function embedMissing(job: EmbedJob): Promise<boolean> {
  // Neighbours of similar length share batches, so little of each batch is padding.
  const queue = [...job.missing].sort((a, b) => textLength(a.texts) - textLength(b.texts));
  // bytesFrom[i]: what tasks i… of the queue will take, so every chunk asks for exactly the rest.
  const bytesFrom = new Float64Array(queue.length + 1);
  for (let i = queue.length - 1; i >= 0; i--) bytesFrom[i] = (bytesFrom[i + 1] as number) + storedEmbeddingBytes(job.encoder.dims * (queue[i] as EmbedJob['missing'][number]).texts.length);
  const what = `embedding ${queue.length.toLocaleString('en-US')} tasks`;
  const room = job.room ? await JobRoom.open(job.room, what, bytesFrom[0] as number) : null;
  return embedChunks(job, queue, bytesFrom, room);
}

function textLength(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + text.length, 0);
}

async function embedChunks(job: EmbedJob, queue: EmbedJob['missing'], bytesFrom: Float64Array, room: JobRoom | null): Promise<boolean> {
  let done = job.alreadyDone;
  for (let from = 0; from < queue.length; from += CHUNK) {
    if (job.isCancelled()) return false;
    const chunk = queue.slice(from, from + CHUNK);
    const vectors = await job.encoder.embed(chunk.flatMap((t) => t.texts));
    if (job.isCancelled()) return false;
    let next = 0;
    const rows = chunk.map((task) => {
      const parts = vectors.slice(next, (next += task.texts.length));
      return { projectId: job.projectId, taskId: task.id, modelId: job.encoder.modelId, vector: parts.length === 1 ? (parts[0] as Float32Array) : concatenated(parts) };
    });
    const stillToCome = bytesFrom[from] as number;
    await room?.use(stillToCome);
    await putEmbeddings(job.db, rows).catch((error: unknown) => {
      throw room ? room.explain(error, stillToCome) : error;
    });
    job.onChunk(new Map(rows.map((r) => [r.taskId, r.vector])));
    done += chunk.length;
    job.onProgress(done, job.total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return true;
}

function concatenated(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
