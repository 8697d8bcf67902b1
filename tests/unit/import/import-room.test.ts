import { describe, expect, it } from 'vitest';
import { countTasks } from '../../../src/lib/db/tasks';
import { runImport, storedPerFileByte } from '../../../src/lib/import/run-import';
import { JobRoom } from '../../../src/lib/storage/job-room';
import { runLabelledImport } from '../../../src/lib/import/run-labelled-import';
import { GIB, MB } from '../../../src/lib/storage/room';
import { FakeDisk } from '../storage/fake-disk';
import { freshDb, makeProject } from '../support/factories';

const rows = (n: number, length = 120) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `r${i}`, text: `report ${i} `.padEnd(length, 'x') })).join('\n');

describe('an import and the room left on the device', () => {
  it('is refused before it starts when the file would eat into the headroom, writing nothing', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db);
    // More than a day of labels would take: a job that size needs the room promised.
    const file = new Blob([rows(3000)]);
    const disk = new FakeDisk(150 * MB);
    await expect(runImport({ db, projectId: project.id, file, fileName: 'big.jsonl', textField: 'text', room: disk })).rejects.toThrow(
      /^Not enough free storage on this device: importing big\.jsonl needs about 1\.\d MB, and fieldlabel keeps 200 MB free/,
    );
    expect(await db.imports.count()).toBe(0);
  });

  it('stops when the room runs short as it goes, and takes back every batch', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db);
    const disk = new FakeDisk(1.3 * GIB);
    // In parts, as a browser reads a file: the import stores batches while most of it is still to come.
    const file = new Blob(rows(5000, 1000).match(/[^]{1,65536}/g) ?? []);
    const result = await runImport({
      db,
      projectId: project.id,
      file,
      fileName: 'big.jsonl',
      textField: 'text',
      room: disk,
      // Something else fills the device once the first batch is stored; the figure drops to its last GiB.
      onProgress: () => disk.store(400 * MB),
    });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^big\.jsonl: Not enough free storage on this device: importing big\.jsonl needs about .*at most 1\.1 GB left for it.* — nothing from this file was kept\.$/);
    expect(await countTasks(db, project.id)).toBe(0);
  });
});

describe('a labelled import and the room left on the device', () => {
  it('is refused before anything is read when it would eat into the headroom', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db);
    const disk = new FakeDisk(600 * MB);
    const line = '{"text":"Ada Lovelace","spans":[{"start":0,"end":3,"label":"PER"}],"answer":"accept"}\n';
    const file = new Blob([line.repeat(5000)]);
    await expect(
      runLabelledImport({ db, projectId: project.id, file, fileName: 'team.jsonl', format: 'prodigy', options: {}, room: disk }),
    ).rejects.toThrow(/^Not enough free storage on this device: importing team\.jsonl/);
    expect(await db.imports.count()).toBe(0);
  });
});

describe('what an import still needs', () => {
  it('is 3 bytes per byte of file until a file has shown it costs more, then what it has cost, with a fifth on top', async () => {
    expect(storedPerFileByte({ grownBy: 0 }, 1_000_000)).toBe(3);
    expect(storedPerFileByte({ grownBy: 10_000_000 }, 5_000_000)).toBe(3);
    expect(storedPerFileByte({ grownBy: 25_000_000 }, 5_000_000)).toBe(6);
  });

  it('is measured from the usage the browser reports as the job goes', async () => {
    const disk = new FakeDisk(5 * GIB);
    const room = await JobRoom.open(disk, 'importing big.jsonl', 30 * MB);
    disk.store(12 * MB);
    await room.use(20 * MB);
    expect(room.grownBy).toBe(12 * MB);
  });
});
