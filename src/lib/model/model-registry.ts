// Which models this device can use: folders bundled with the build (models/index.json) and the ones the user
// imported or downloaded (the models table).
import type { FieldlabelDb } from '../db/database';
import { listInstalledModels } from '../db/models';
import type { ModelInfo } from './api';
import { entityTypesOf } from './iob';
import { describeModelConfig } from './model-files';

interface BundledIndex {
  models: { id: string; name: string; sizeBytes: number; files: string[] }[];
}

/**
 * A model's config.json by model id, wherever its files are (bundled, imported or downloaded); the worker reads it
 * through Transformers.js, so it comes from the same place the model will.
 */
export type ReadModelConfig = (modelId: string) => Promise<unknown>;

/** Generated test models say so in their config.json; they must never pass for trained ones. */
export function isTestModelConfig(config: unknown): boolean {
  return typeof config === 'object' && config !== null && (config as Record<string, unknown>).fieldlabel_test_model === true;
}

/** What a model does, from its config; a config that cannot be read is taken for an encoder, as before tagging. */
export function modelKind(config: unknown): Pick<ModelInfo, 'task' | 'entityTypes'> {
  const described = describeModelConfig(config);
  if (described.ok && described.task === 'token-classification') {
    return { task: 'token-classification', entityTypes: entityTypesOf(described.labels ?? []) };
  }
  return { task: 'feature-extraction', entityTypes: [] };
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

export async function listBundledModels(base: string, readConfig: ReadModelConfig): Promise<ModelInfo[]> {
  let index: BundledIndex;
  try {
    index = (await fetchJson(new URL('index.json', base).href)) as BundledIndex;
  } catch {
    return [];
  }
  return Promise.all(
    index.models.map(async (m) => {
      const config = await readConfig(m.id).catch(() => null);
      return { id: m.id, name: m.name, source: 'bundled' as const, sizeBytes: m.sizeBytes, isTestModel: isTestModelConfig(config), ...modelKind(config) };
    }),
  );
}

export async function listModels(db: FieldlabelDb, base: string, readConfig: ReadModelConfig): Promise<ModelInfo[]> {
  const [bundled, installed] = await Promise.all([listBundledModels(base, readConfig), listInstalledModels(db)]);
  const installedInfo = await Promise.all(
    installed.map(async (m) => ({
      id: m.id,
      name: m.name,
      source: m.source,
      sizeBytes: m.sizeBytes,
      isTestModel: m.origin.startsWith('test:'),
      ...modelKind(await readConfig(m.id).catch(() => null)),
    })),
  );
  return [...bundled, ...installedInfo];
}
