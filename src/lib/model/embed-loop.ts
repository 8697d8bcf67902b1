// Embeds a project's tasks in the background, a chunk at a time, storing each chunk before the next: a reload
// resumes where it stopped. Between chunks it yields, so the worker keeps answering suggestions. It never takes the
// device into the room kept for labels (storage/room.ts): it secures the room it will take before it starts, and
// stops, keeping what it stored, when that room runs out.
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
  missing: { id: string; text: string }[];
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
  const queue = [...job.missing].sort((a, b) => a.text.length - b.text.length);
  const rowBytes = storedEmbeddingBytes(job.encoder.dims);
  const what = `embedding ${queue.length.toLocaleString('en-US')} tasks`;
  const room = job.room ? await JobRoom.open(job.room, what, queue.length * rowBytes) : null;
  return embedChunks(job, queue, rowBytes, room);
}

async function embedChunks(job: EmbedJob, queue: EmbedJob['missing'], rowBytes: number, room: JobRoom | null): Promise<boolean> {
  let done = job.alreadyDone;
  for (let from = 0; from < queue.length; from += CHUNK) {
    if (job.isCancelled()) return false;
    const chunk = queue.slice(from, from + CHUNK);
    const vectors = await job.encoder.embed(chunk.map((t) => t.text));
    if (job.isCancelled()) return false;
    const rows = chunk.map((task, i) => ({ projectId: job.projectId, taskId: task.id, modelId: job.encoder.modelId, vector: vectors[i] as Float32Array }));
    const stillToCome = (queue.length - from) * rowBytes;
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
