// Embeds a project's tasks in the background, a chunk at a time, storing each chunk before the next: a reload
// resumes where it stopped. Between chunks it yields, so the worker keeps answering suggestions.
import type { FieldlabelDb } from '../db/database';
import { putEmbeddings } from '../db/models';
import type { Encoder } from './encoder';

/** Tasks per stored chunk: large enough to batch well, small enough that progress and cancel stay prompt. */
const CHUNK = 128;

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
}

export async function embedMissing(job: EmbedJob): Promise<boolean> {
  // Neighbours of similar length share batches, so little of each batch is padding.
  const queue = [...job.missing].sort((a, b) => a.text.length - b.text.length);
  let done = job.alreadyDone;
  for (let from = 0; from < queue.length; from += CHUNK) {
    if (job.isCancelled()) return false;
    const chunk = queue.slice(from, from + CHUNK);
    const vectors = await job.encoder.embed(chunk.map((t) => t.text));
    if (job.isCancelled()) return false;
    const rows = chunk.map((task, i) => ({ projectId: job.projectId, taskId: task.id, modelId: job.encoder.modelId, vector: vectors[i] as Float32Array }));
    await putEmbeddings(job.db, rows);
    job.onChunk(new Map(rows.map((r) => [r.taskId, r.vector])));
    done += chunk.length;
    job.onProgress(done, job.total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return true;
}
