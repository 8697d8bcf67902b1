// Opening a bundle and the room left on the device: refused whole before anything is applied when its tasks and
// labels would eat into the headroom; opened, its room given back, when they fit.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../src/lib/bundle/open-bundle';
import { GIB, STORED_BYTES_PER_FILE_BYTE } from '../../../src/lib/storage/room';
import { writeBundle } from '../../../src/lib/sync/bundle';
import type { BundleProject } from '../../../src/lib/sync/bundle-types';
import { FakeDisk } from '../storage/fake-disk';
import { freshDb } from '../support/factories';
import { syncAnnotation } from '../sync/factories';

const PROJECT: BundleProject = { id: 'p', name: 'Field reports', taskType: 'single', labels: [{ name: 'Yes', color: '#009E73', hotkey: '1' }], instructions: '', strategy: 'sequential', allowOverlap: false };

async function bundleFile(): Promise<{ file: Blob; listedBytes: number }> {
  const tasks = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, seq: i, text: `Report ${i} about the pump by the river`, meta: {} }));
  const annotations = tasks.slice(0, 100).map((t) => syncAnnotation({ projectId: 'p', taskId: t.id, annotatorId: 'amina', annotatorName: 'Amina', value: ['Yes'] }));
  const bytes = await writeBundle({ project: PROJECT, createdBy: { id: 'amina', name: 'Amina' }, deviceId: 'd', createdAt: Date.UTC(2026, 0, 5), tasks, annotations });
  // What the manifest lists for tasks.jsonl and annotations.labels.jsonl, unpacked.
  const entries = unzipSync(bytes);
  const listedBytes = (entries['tasks.jsonl']?.length ?? 0) + (entries['annotations.labels.jsonl']?.length ?? 0);
  return { file: new Blob([bytes as Uint8Array<ArrayBuffer>]), listedBytes };
}

describe('opening a bundle and the room left on the device', () => {
  it('is refused before anything is applied when its tasks and labels would eat into the headroom', async () => {
    const db = freshDb();
    const { file, listedBytes } = await bundleFile();
    // A device with nothing left: even a bundle as small as a day of labels has no room.
    const disk = new FakeDisk(0);
    await expect(openBundle(db, file, 'reports.fieldlabel.zip', disk)).rejects.toThrow(
      `Not enough free storage on this device: opening reports.fieldlabel.zip needs about ${Math.round((listedBytes * STORED_BYTES_PER_FILE_BYTE) / 1000)} KB, and fieldlabel keeps 200 MB free so that labels can always be saved; this device has at most 0 B left for it`,
    );
    expect(await db.projects.count()).toBe(0);
    expect(await db.tasks.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
  });

  it('opens where its room surely fits, asking the figure before and after reading it', async () => {
    const db = freshDb();
    const { file } = await bundleFile();
    const disk = new FakeDisk(3 * GIB);
    const opened = await openBundle(db, file, 'reports.fieldlabel.zip', disk);
    expect(opened).toMatchObject({ projectId: 'p', outcome: { created: true, addedTasks: 500 } });
    expect(await db.annotations.count()).toBe(100);
    expect(disk.asked).toBe(2);
  });
});
