// The model worker's open project with real models: span suggestions from the generated token classifier under the
// project's own label names, classification untouched, and span projects (values are span strings) served safely.
import * as transformers from '@xenova/transformers';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import { beginImport, finishImport, loadTaskIds, writeTaskBatch } from '../../../src/lib/db/imports';
import type { ModelInfo } from '../../../src/lib/model/api';
import { disposeModel, loadModel, type LoadedModel } from '../../../src/lib/model/model-loader';
import { WorkerProject } from '../../../src/lib/model/worker-project';
import { encodeSpan } from '../../../src/lib/spans/span-value';
import { freshDb, makeProject } from '../support/factories';
import { countRowsPerTransaction } from '../support/rows-per-transaction';
import { TEST_MODELS_ROOT, testModelDir } from '../support/test-model';

const TEXTS = [
  'Ada Lovelace wrote to UNESCO from Paris.',
  'the delivery was late and the package broken',
  'Marie Curie met Amara Okafor in Nairobi.',
  'great quality, fast delivery, thanks',
];

let ner: ModelInfo;
let encoderModel: ModelInfo;
const loaded = new Map<string, LoadedModel>();
const savedEnv = { ...transformers.env };

beforeAll(async () => {
  Object.assign(transformers.env, { localModelPath: TEST_MODELS_ROOT, allowRemoteModels: false, useFSCache: false });
  const info = (id: string, task: ModelInfo['task'], entityTypes: string[]): ModelInfo => ({
    id, name: `fieldlabel/${id}`, source: 'bundled', sizeBytes: 0, isTestModel: true, task, entityTypes,
  });
  ner = info(basename(await testModelDir('test-tiny-ner')), 'token-classification', ['PER', 'ORG', 'LOC']);
  encoderModel = info(basename(await testModelDir('test-tiny')), 'feature-extraction', []);
  for (const model of [ner, encoderModel]) loaded.set(model.id, await loadModel(transformers, model));
});

afterAll(async () => {
  for (const model of loaded.values()) await disposeModel(model);
  Object.assign(transformers.env, savedEnv);
});

async function openWith(db: FieldlabelDb, taskType: 'single' | 'spans', labels: string): Promise<{ project: WorkerProject; annotatorId: string }> {
  const row = await makeProject(db, { taskType, labels });
  const run = await beginImport(db, row.id, 'texts.jsonl', 'jsonl');
  await writeTaskBatch(db, run.id, TEXTS.map((text, i) => ({ id: `t${i}`, text, meta: {}, line: i + 1, idFromFile: true })), [], await loadTaskIds(db, row.id));
  await finishImport(db, run.id);
  const value = taskType === 'spans' ? ['0:12:person', '22:28:organisation'] : [labels.split('\n')[0] as string];
  const { annotatorId } = await writeAnnotation(db, { projectId: row.id, taskId: 't0', value, status: 'labelled' });
  return { project: await WorkerProject.open(db, row.id, annotatorId, () => {}), annotatorId };
}

describe('WorkerProject.suggestSpans', () => {
  it("suggests the model's spans under the project's label spelling, leaving out types the project lacks", async () => {
    const { project } = await openWith(freshDb('relaxed'), 'spans', 'per\nLoc\nProduct');
    await project.useModel(ner, loaded.get(ner.id) as LoadedModel);
    const suggestion = await project.suggestSpans('t2');
    expect(suggestion?.modelVersion).toBe('fieldlabel/test-tiny-ner');
    expect(suggestion?.spans.map((s) => `${s.label} ${TEXTS[2]?.slice(s.start, s.end)}`)).toEqual(['per Marie Curie', 'per Amara Okafor', 'Loc Nairobi']);
    // No finished task has kept or dropped any of the model's spans yet (see 'span confidence' below).
    for (const span of suggestion?.spans ?? []) expect(span.confidence).toBeLessThanOrEqual(0.5);
    // UNESCO is an ORG, which this project has no label for.
    expect((await project.suggestSpans('t0'))?.spans.map((s) => s.label)).toEqual(['per', 'Loc']);
    expect(await project.suggestSpans('t1')).toEqual({ taskId: 't1', spans: [], modelVersion: 'fieldlabel/test-tiny-ner' });
    expect(await project.suggestSpans('no-such-task')).toBeNull();
    project.close();
  });

  it('says null when no entity type is a project label, when the model is an encoder, and with no model', async () => {
    const { project } = await openWith(freshDb('relaxed'), 'spans', 'Symptom\nDrug');
    await project.useModel(ner, loaded.get(ner.id) as LoadedModel);
    expect(await project.suggestSpans('t0')).toBeNull();
    project.close();

    const other = (await openWith(freshDb('relaxed'), 'spans', 'PER')).project;
    await other.useModel(encoderModel, loaded.get(encoderModel.id) as LoadedModel);
    expect(await other.suggestSpans('t0')).toBeNull();
    await other.useModel(null, null);
    expect(await other.suggestSpans('t0')).toBeNull();
    other.close();
  });
});

describe('WorkerProject span confidence', () => {
  it("calibrates the model's spans on the finished tasks: an even chance at first, lower once spans are dropped, higher once kept, and again after reopening", async () => {
    const db = freshDb('relaxed');
    const row = await makeProject(db, { taskType: 'spans', labels: 'per\nLoc' });
    const run = await beginImport(db, row.id, 'texts.jsonl', 'jsonl');
    await writeTaskBatch(db, run.id, TEXTS.map((text, i) => ({ id: `t${i}`, text, meta: {}, line: i + 1, idFromFile: true })), [], await loadTaskIds(db, row.id));
    await finishImport(db, run.id);
    // A skipped task is not finished: nothing is judged on it.
    const { annotatorId } = await writeAnnotation(db, { projectId: row.id, taskId: 't1', value: [], status: 'skipped' });
    const finish = async (target: WorkerProject, taskId: string, value: string[]) => {
      await writeAnnotation(db, { projectId: row.id, taskId, value, status: 'labelled' });
      target.record({ taskId, value, status: 'labelled', outcome: 'changed' });
    };
    const confidences = async (target: WorkerProject) => ((await target.suggestSpans('t2'))?.spans ?? []).map((s) => s.confidence);

    let project = await WorkerProject.open(db, row.id, annotatorId, () => {});
    await project.useModel(ner, loaded.get(ner.id) as LoadedModel);
    const first = await project.suggestSpans('t2');
    expect(first?.spans.map((s) => s.confidence)).toEqual([0.5, 0.5, 0.5]);

    // Ada Lovelace and Paris, both dropped: such spans are right less than half the time.
    await finish(project, 't0', []);
    await vi.waitFor(() => expect(project.status().confidence.decided).toBe(2));
    const afterDropped = await confidences(project);
    for (const c of afterDropped) expect(c).toBeLessThan(0.5);

    // All three kept exactly as suggested.
    await finish(project, 't2', (first?.spans ?? []).map(encodeSpan));
    await vi.waitFor(() => expect(project.status().confidence.decided).toBe(5));
    const afterKept = await confidences(project);
    afterKept.forEach((c, i) => expect(c).toBeGreaterThan(afterDropped[i] as number));
    expect(project.status().confidence.calibration.kind).toBe('platt');
    project.close();

    // Reopened, the model is judged again on the finished tasks: the same outcomes, the same confidences.
    project = await WorkerProject.open(db, row.id, annotatorId, () => {});
    await project.useModel(ner, loaded.get(ner.id) as LoadedModel);
    await vi.waitFor(() => expect(project.status().confidence.decided).toBe(5));
    (await confidences(project)).forEach((c, i) => expect(c).toBeCloseTo(afterKept[i] as number, 6));
    project.close();
  });
});

describe('WorkerProject with a span project', () => {
  it('opens with span values, trains no head, suggests no label, and still orders and records tasks', async () => {
    const { project } = await openWith(freshDb('relaxed'), 'spans', 'person\norganisation');
    expect(project.suggest('t1')).toBeNull();
    expect(project.next(0, 5)).toEqual([1, 2, 3]);
    project.record({ taskId: 't1', value: ['4:8:person'], status: 'labelled', outcome: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(project.status()).toMatchObject({ humanLabels: 2, estimatedAccuracy: null, acceptanceRate: 1 });
    expect(project.next(0, 5)).toEqual([2, 3]);
    // An encoder would embed for a head that is never trained: nothing is embedded.
    await project.useModel(encoderModel, loaded.get(encoderModel.id) as LoadedModel);
    expect(project.status()).toMatchObject({ embedded: 0, busy: null, activeModel: { task: 'feature-extraction' } });
    project.close();
  });

  it('keeps classification working with a token classifier active: n-gram suggestions and no spans for unknown labels', async () => {
    const { project } = await openWith(freshDb('relaxed'), 'single', 'Positive\nNegative');
    await project.useModel(ner, loaded.get(ner.id) as LoadedModel);
    expect(project.status()).toMatchObject({ activeModel: { id: ner.id, task: 'token-classification' }, embedded: 0 });
    expect(project.suggest('t3')).toMatchObject({ taskId: 't3' });
    expect(await project.suggestSpans('t0')).toBeNull();
    project.close();
  });
});

describe('WorkerProject with an encoder', () => {
  it('embeds every task from the texts read at opening, without reading the tasks again', async () => {
    const { project } = await openWith(freshDb('relaxed'), 'single', 'Positive\nNegative');
    const counting = countRowsPerTransaction();
    try {
      await project.useModel(encoderModel, loaded.get(encoderModel.id) as LoadedModel);
      expect(project.status()).toMatchObject({ embedded: TEXTS.length, total: TEXTS.length, busy: null });
      expect(counting.transactions.filter((t) => t.stores.includes('tasks') && t.rows > 0)).toEqual([]);
    } finally {
      counting.stop();
      project.close();
    }
  });
});
