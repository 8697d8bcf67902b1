import { describe, expect, it } from 'vitest';
import { countTasks } from '../../../src/lib/db/tasks';
import { runImport } from '../../../src/lib/import/run-import';
import { runLabelledImport } from '../../../src/lib/import/run-labelled-import';
import { MB, STORED_BYTES_PER_FILE_BYTE } from '../../../src/lib/storage/room';
import { FakeDisk } from '../storage/fake-disk';
import { freshDb, makeProject } from '../support/factories';

const rows = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `r${i}`, text: `report ${i} `.padEnd(120, 'x') })).join('\n');

describe('an import and the room left on the device', () => {
  it('is refused before it starts when the file would eat into the headroom, writing nothing', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db);
    const file = new Blob([rows(10)]);
    const disk = new FakeDisk(200 * MB);
    await expect(runImport({ db, projectId: project.id, file, fileName: 'big.jsonl', textField: 'text', room: disk })).rejects.toThrow(
      /^Not enough free storage on this device: importing big\.jsonl needs about 4\.\d KB, and fieldlabel keeps 200 MB free/,
    );
    expect(disk.asked).toEqual([file.size * STORED_BYTES_PER_FILE_BYTE + 200 * MB]);
    expect(await db.imports.count()).toBe(0);
  });

  it('stops when another app fills the disk meanwhile, gives back what it held, and takes back every batch', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db);
    const disk = new FakeDisk(300 * MB);
    const file = new Blob([rows(5000)]);
    const result = await runImport({
      db,
      projectId: project.id,
      file,
      fileName: 'big.jsonl',
      textField: 'text',
      room: disk,
      // Another app takes every free byte once the first batch is stored.
      onProgress: () => (disk.free = 0),
    });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^big\.jsonl: Not enough free storage on this device: importing big\.jsonl needs about .*; almost nothing is free\..* — nothing from this file was kept\.$/);
    expect(await countTasks(db, project.id)).toBe(0);
    expect(disk.held.size).toBe(0);
    expect(disk.free).toBeGreaterThanOrEqual(200 * MB);
  });
});

describe('a labelled import and the room left on the device', () => {
  it('is refused before anything is read when it would eat into the headroom', async () => {
    const db = freshDb('relaxed');
    const project = await makeProject(db);
    const disk = new FakeDisk(100 * MB);
    const file = new Blob(['{"text":"Ada Lovelace","spans":[{"start":0,"end":3,"label":"PER"}],"answer":"accept"}\n']);
    await expect(
      runLabelledImport({ db, projectId: project.id, file, fileName: 'team.jsonl', format: 'prodigy', options: {}, room: disk }),
    ).rejects.toThrow(/^Not enough free storage on this device: importing team\.jsonl/);
    expect(await db.imports.count()).toBe(0);
  });
});
