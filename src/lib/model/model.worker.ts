// The model worker: owns Transformers.js, the loaded encoder and the open project's learner. The page reaches it
// only through the ModelApi contract (Comlink); progress goes back through proxied callbacks.
import * as Comlink from 'comlink';
import { FieldlabelDb, newId } from '../db/database';
import { addModel, removeModel } from '../db/models';
import { saveStrategy } from '../db/projects';
import type { ModelApi, ModelEvent, ModelInfo } from './api';
import { loadEncoder, type Encoder } from './encoder';
import { modelRowFor, readPickedModel, validateModelFiles } from './model-install';
import { listModels } from './model-registry';
import { browserModelCache, deleteModelFiles, storeModelFiles } from './model-store';
import { configureTransformers, modelsBaseUrl, withRemoteModels } from './transformers-env';
import { WorkerProject } from './worker-project';

// The worker only writes embeddings, models and learning rows: all can be recomputed, so relaxed durability.
const db = new FieldlabelDb('relaxed');
const cache = browserModelCache();
const transformers = configureTransformers(cache);
let project: WorkerProject | null = null;
let openRequests = 0;
const encoders = new Map<string, Promise<Encoder>>();

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One encoder per model, loaded once (the worker owns it until it is removed). */
function encoderFor(model: ModelInfo, onEvent?: (event: ModelEvent) => void): Promise<Encoder> {
  let loading = encoders.get(model.id);
  if (!loading) {
    loading = loadEncoder(transformers, model.id, {
      quantized: true,
      onProgress: (p) => onEvent?.({ kind: 'load', file: p.file, loaded: p.loaded, total: p.total }),
    });
    loading.catch(() => encoders.delete(model.id));
    encoders.set(model.id, loading);
  }
  return loading;
}

async function findModel(modelId: string): Promise<ModelInfo> {
  const model = (await listModels(db, modelsBaseUrl())).find((m) => m.id === modelId);
  if (!model) throw new Error(`The model "${modelId}" is not on this device any more.`);
  return model;
}

async function activate(target: WorkerProject, modelId: string | null, onEvent?: (event: ModelEvent) => void): Promise<void> {
  if (modelId === null) return target.useEncoder(null, null);
  try {
    const model = await findModel(modelId);
    target.setProblem(null, 'loading');
    const encoder = await encoderFor(model, onEvent);
    target.setProblem(null);
    await target.useEncoder(model, encoder);
  } catch (error) {
    target.setProblem(`The model could not be loaded: ${describe(error)}. Suggestions use word features meanwhile.`);
    await target.useEncoder(null, null);
  }
}

const api: ModelApi = {
  listModels: () => listModels(db, modelsBaseUrl()),

  async importModelFiles(files, name, onEvent) {
    const validated = validateModelFiles(await readPickedModel(files), name);
    const id = `imported-${newId().slice(0, 8)}`;
    onEvent({ kind: 'load', file: name, loaded: 0, total: validated.files.size });
    await storeModelFiles(cache, modelsBaseUrl(), id, validated.files);
    const row = modelRowFor(id, name.replace(/\.zip$/i, ''), validated);
    const info: ModelInfo = { id, name: row.name, source: 'imported', sizeBytes: row.sizeBytes, isTestModel: validated.isTestModel };
    try {
      await encoderFor(info);
    } catch (error) {
      await deleteModelFiles(modelsBaseUrl(), id);
      throw new Error(`${name}: the files look right but the model does not load: ${describe(error)}`);
    }
    await addModel(db, row);
    return info;
  },

  async downloadModel(hubId, onEvent) {
    const id = hubId.trim();
    if (!/^[\w.-]+\/[\w.-]+$/.test(id)) throw new Error(`"${hubId}" is not a Hugging Face model id like "Xenova/all-MiniLM-L6-v2".`);
    const info: ModelInfo = { id, name: id, source: 'downloaded', sizeBytes: 0, isTestModel: false };
    await withRemoteModels(() => encoderFor(info, onEvent));
    await addModel(db, { id, name: id, source: 'downloaded', origin: id, sizeBytes: 0, quantized: true, addedAt: Date.now() });
    return info;
  },

  async removeModel(modelId) {
    const encoder = encoders.get(modelId);
    encoders.delete(modelId);
    if (project?.activeModelId === modelId) await activate(project, null);
    await removeModel(db, modelId);
    await deleteModelFiles(modelsBaseUrl(), modelId);
    await (await encoder?.catch(() => null))?.dispose();
  },

  async openProject(projectId, annotatorId, onEvent) {
    project?.close();
    // Opens overlap (page mount, then after an import): only the latest request may become the open project,
    // or progress events would go to a session the page no longer shows.
    const request = ++openRequests;
    const opened = await WorkerProject.open(db, projectId, annotatorId, onEvent);
    if (request !== openRequests) {
      opened.close();
      return opened.status();
    }
    project = opened;
    void activate(opened, opened.activeModelId, onEvent);
    return opened.status();
  },

  async useModel(modelId) {
    if (!project) throw new Error('No project is open.');
    await activate(project, modelId);
    return project.status();
  },

  async setStrategy(strategy) {
    if (!project) throw new Error('No project is open.');
    await saveStrategy(db, project.project.id, strategy);
    project.setStrategy(strategy);
    return project.status();
  },

  async status() {
    if (!project) throw new Error('No project is open.');
    return project.status();
  },

  async recordLabel(record) {
    project?.record(record);
  },

  async suggest(taskId) {
    return project?.suggest(taskId) ?? null;
  },

  async nextTasks(afterSeq, count) {
    return project?.next(afterSeq, count) ?? [];
  },
};

Comlink.expose(api);
