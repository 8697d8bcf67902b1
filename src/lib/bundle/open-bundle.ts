// Opening a project bundle on this device: read (bundle-read.ts), then applied in one transaction, never taking the
// device into the room kept for labels (storage/room.ts). A bundle of 100,000 tasks with ten annotators' labels is
// hundreds of megabytes in the database: its room is secured from what its manifest lists, before anything of it is
// inflated, and the bundle is refused whole, nothing applied, when the device lacks it.
import type { FieldlabelDb } from '../db/database';
import { applyBundle, type BundleOutcome } from '../db/sync-queries';
import { JobRoom, type JobRoomDeps } from '../storage/job-room';
import { STORED_BYTES_PER_FILE_BYTE } from '../storage/room';
import { readBundle } from '../sync/bundle-read';
import { blobSource } from '../sync/zip-reader';

export async function openBundle(db: FieldlabelDb, file: Blob, fileName: string, room?: JobRoomDeps): Promise<{ projectId: string; outcome: BundleOutcome }> {
  const job: { room: JobRoom | null; needed: number } = { room: null, needed: 0 };
  const bundle = await readBundle(blobSource(file), fileName, undefined, async (listed) => {
    // Tasks and labels are stored about as a task import stores the same lines (a bundle's model is not stored).
    job.needed = (listed.tasks + listed.labels) * STORED_BYTES_PER_FILE_BYTE;
    if (room) job.room = await JobRoom.open(room, `opening ${fileName}`, job.needed);
  });
  await job.room?.use(job.needed);
  const outcome = await applyBundle(db, bundle).catch((error: unknown) => {
    throw job.room ? job.room.explain(error, job.needed) : error;
  });
  return { projectId: bundle.project.id, outcome };
}
