// The embedding pass and the room left on the device: refused before it starts, stopped when another app fills
// the disk, what was stored kept, suggestions going on from word features, and the pass resumed on the next opening.
import { describe, expect, it } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import type { ModelEvent } from '../../../src/lib/model/api';
import { storedEmbeddingBytes } from '../../../src/lib/model/embed-loop';
import { WorkerProject } from '../../../src/lib/model/worker-project';
import { GIB } from '../../../src/lib/storage/room';
import { FakeDisk } from '../storage/fake-disk';
import { addTasks, freshDb, makeProject } from '../support/factories';
import { useTestEncoder } from '../support/test-encoder';

const tiny = useTestEncoder();

async function labelledProject(tasks: number): Promise<{ db: FieldlabelDb; projectId: string; annotatorId: string }> {
  const db = freshDb('relaxed');
  const project = await makeProject(db);
  await addTasks(db, project.id, tasks);
  const { annotatorId } = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
  return { db, projectId: project.id, annotatorId };
}

const stored = (db: FieldlabelDb) => db.embeddings.count();

describe('an embedding pass and the room left on the device', () => {
  it('is refused before it embeds anything when it would eat into the headroom; suggestions go on from word features', async () => {
    const { db, projectId, annotatorId } = await labelledProject(300);
    // A device with nothing left: even a pass as small as a day of labels has no room.
    const disk = new FakeDisk(0);
    const project = await WorkerProject.open(db, projectId, annotatorId, () => {}, disk);
    await project.useModel(tiny.model(), tiny.loaded());
    expect(project.status()).toMatchObject({ busy: null, embedded: 0, activeModel: { id: tiny.model().id } });
    expect(project.status().problem).toMatch(
      new RegExp(`^Embedding stopped at 0 of 300 tasks\\. Not enough free storage on this device: embedding 300 tasks needs about ${Math.round((300 * storedEmbeddingBytes(32)) / 1000)} KB, and fieldlabel keeps 200 MB free so that labels can always be saved; this device has at most 0 B left for it.* What was embedded is kept`),
    );
    expect(await stored(db)).toBe(0);
    expect(project.suggest('t7')).toMatchObject({ taskId: 't7', value: ['Positive'] });
    project.close();
  });

  it('stops when the room runs out meanwhile, keeps the chunks it stored, and resumes on the next opening', async () => {
    const { db, projectId, annotatorId } = await labelledProject(300);
    const disk = new FakeDisk(3 * GIB);
    const events: ModelEvent[] = [];
    const project = await WorkerProject.open(db, projectId, annotatorId, (event) => {
      events.push(event);
      // The device is full once the first chunk is stored (as the browser's figure reads it).
      if (event.kind === 'embed') disk.free = 0;
    }, disk);
    await project.useModel(tiny.model(), tiny.loaded());
    expect(project.status().problem).toMatch(/^Embedding stopped at 128 of 300 tasks\. Not enough free storage on this device: embedding 300 tasks needs about 70\.\d KB.*at most 0 B left for it/);
    expect(project.status()).toMatchObject({ busy: null, embedded: 128 });
    expect(await stored(db)).toBe(128);
    expect(project.suggest('t299')).toMatchObject({ taskId: 't299' });
    project.close();

    const again = await WorkerProject.open(db, projectId, annotatorId, () => {}, new FakeDisk(50 * GIB));
    await again.useModel(tiny.model(), tiny.loaded());
    expect(again.status()).toMatchObject({ busy: null, embedded: 300, problem: null });
    expect(await stored(db)).toBe(300);
    again.close();
  });
});
