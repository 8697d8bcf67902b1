// The model worker: owns Transformers.js, the loaded models and the open project's learner. The page reaches it
// only through the ModelApi contract (Comlink); progress goes back through proxied callbacks.
import * as Comlink from 'comlink';
import { FieldlabelDb, newId } from '../db/database';
import { addModel, removeModel } from '../db/models';
import { saveStrategy } from '../db/projects';
import type { ModelApi, ModelEvent, ModelInfo } from './api';
import { modelRowFor, readPickedModel, validateModelFiles } from './model-install';
import { disposeModel, loadModel, type LoadedModel } from './model-loader';
import { listModels, modelKind } from './model-registry';
import { browserModelCache, deleteModelFiles, storeModelFiles } from './model-store';
import { configureTransformers, modelsBaseUrl, setThreads, threadsWanted, withRemoteModels } from './transformers-env';
import { browserRoomDeps } from '../storage/job-room';
import { denseKernel, LANES } from '../learn/wasm-dense';
import { ProjectTurns } from './project-turns';
import { WorkerProject } from './worker-project';

// The worker only writes embeddings, models and learning rows: all can be recomputed, so relaxed durability.
const db = new FieldlabelDb('relaxed');
const cache = browserModelCache();
const transformers = configureTransformers(cache);
const projects = new ProjectTurns<WorkerProject>();
/** Counts model choices: a load that finishes after a later choice was made must not undo it. */
let activations = 0;
const loadedModels = new Map<string, Promise<LoadedModel>>();
/** Set by the first model load: from then on onnxruntime keeps the thread count it started with. */
let runtimeStarted = false;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** config.json read through Transformers.js, so from wherever the model's files are (bundled, imported, downloaded). */
const readConfig = (modelId: string): Promise<unknown> => transformers.AutoConfig.from_pretrained(modelId);

/** One loaded model per id, loaded once (the worker owns it until it is removed). */
function modelFor(model: ModelInfo, onEvent?: (event: ModelEvent) => void): Promise<LoadedModel> {
  let loading = loadedModels.get(model.id);
  if (!loading) {
    runtimeStarted = true;
    loading = loadModel(transformers, model, (p) => onEvent?.({ kind: 'load', file: p.file, loaded: p.loaded, total: p.total }));
    loading.catch(() => loadedModels.delete(model.id));
    loadedModels.set(model.id, loading);
  }
  return loading;
}

async function findModel(modelId: string): Promise<ModelInfo> {
  const model = (await listModels(db, modelsBaseUrl(), readConfig)).find((m) => m.id === modelId);
  if (!model) throw new Error(`The model "${modelId}" is not on this device any more.`);
  return model;
}

async function activate(target: WorkerProject, modelId: string | null, onEvent?: (event: ModelEvent) => void): Promise<void> {
  const activation = ++activations;
  if (modelId === null) return target.useModel(null, null);
  try {
    const model = await findModel(modelId);
    target.setProblem(null, 'loading');
    const loaded = await modelFor(model, onEvent);
    if (activation !== activations) return;
    target.setProblem(null);
    await target.useModel(model, loaded);
  } catch (error) {
    if (activation !== activations) return;
    target.setProblem(`The model could not be loaded: ${describe(error)}. Suggestions use word features meanwhile.`);
    await target.useModel(null, null);
  }
}

const api: ModelApi = {
  listModels: () => listModels(db, modelsBaseUrl(), readConfig),

  async useThreads(choice) {
    const wanted = threadsWanted(choice);
    return { choice, wanted, inUse: setThreads(wanted, runtimeStarted), cores: navigator.hardwareConcurrency, isolated: self.crossOriginIsolated, simdRescore: denseKernel(LANES) !== null };
  },

  async importModelFiles(files, name, onEvent) {
    const validated = validateModelFiles(await readPickedModel(files), name);
    const id = `imported-${newId().slice(0, 8)}`;
    onEvent({ kind: 'load', file: name, loaded: 0, total: validated.files.size });
    await storeModelFiles(cache, modelsBaseUrl(), id, validated.files, { deps: browserRoomDeps, what: `importing the model ${name}` });
    const row = modelRowFor(id, name.replace(/\.zip$/i, ''), validated);
    const info: ModelInfo = { id, name: row.name, source: 'imported', sizeBytes: row.sizeBytes, isTestModel: validated.isTestModel, ...validated.kind };
    try {
      await modelFor(info);
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
    const info = await withRemoteModels(async () => {
      const downloaded: ModelInfo = { id, name: id, source: 'downloaded', sizeBytes: 0, isTestModel: false, ...modelKind(await readConfig(id)) };
      await modelFor(downloaded, onEvent);
      return downloaded;
    });
    await addModel(db, { id, name: id, source: 'downloaded', origin: id, sizeBytes: 0, quantized: true, addedAt: Date.now() });
    return info;
  },

  async removeModel(modelId) {
    const loaded = loadedModels.get(modelId);
    loadedModels.delete(modelId);
    await projects.with(async (project) => {
      if (project.activeModelId === modelId) await activate(project, null);
    }).catch(() => undefined);
    await removeModel(db, modelId);
    await deleteModelFiles(modelsBaseUrl(), modelId);
    const model = await loaded?.catch(() => null);
    if (model) await disposeModel(model);
  },

  // Opens overlap (page mount, then after an import); a later one skips an earlier one still waiting for its turn.
  async openProject(projectId, annotatorId, onEvent) {
    const opened = await projects.open(async () => {
      const project = await WorkerProject.open(db, projectId, annotatorId, onEvent, browserRoomDeps);
      void activate(project, project.activeModelId, onEvent);
      return project;
    });
    return opened.status();
  },

  useModel: (modelId) =>
    projects.with(async (project) => {
      await activate(project, modelId);
      return project.status();
    }),

  setStrategy: (strategy) =>
    projects.with(async (project) => {
      await saveStrategy(db, project.project.id, strategy);
      project.setStrategy(strategy);
      return project.status();
    }),

  status: () => projects.with(async (project) => project.status()),

  async recordLabel(record) {
    projects.project?.record(record);
  },

  async suggest(taskId) {
    return projects.project?.suggest(taskId) ?? null;
  },

  async suggestSpans(taskId) {
    return (await projects.project?.suggestSpans(taskId)) ?? null;
  },

  async nextTasks(afterSeq, count) {
    return projects.project?.next(afterSeq, count) ?? [];
  },
};

Comlink.expose(api);
