// Which models this device can use: folders bundled with the build (models/index.json) and the ones the user
// imported or downloaded (the models table).
import type { FieldlabelDb } from '../db/database';
import { listInstalledModels } from '../db/models';
import type { ModelInfo } from './api';

interface BundledIndex {
  models: { id: string; name: string; sizeBytes: number; files: string[] }[];
}

/** Generated test models say so in their config.json; they must never pass for trained ones. */
export function isTestModelConfig(config: unknown): boolean {
  return typeof config === 'object' && config !== null && (config as Record<string, unknown>).fieldlabel_test_model === true;
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

export async function listBundledModels(base: string): Promise<ModelInfo[]> {
  let index: BundledIndex;
  try {
    index = (await fetchJson(new URL('index.json', base).href)) as BundledIndex;
  } catch {
    return [];
  }
  return Promise.all(
    index.models.map(async (m) => {
      const config = await fetchJson(new URL(`${m.id}/config.json`, base).href).catch(() => null);
      return { id: m.id, name: m.name, source: 'bundled' as const, sizeBytes: m.sizeBytes, isTestModel: isTestModelConfig(config) };
    }),
  );
}

export async function listModels(db: FieldlabelDb, base: string): Promise<ModelInfo[]> {
  const [bundled, installed] = await Promise.all([listBundledModels(base), listInstalledModels(db)]);
  return [
    ...bundled,
    ...installed.map((m) => ({ id: m.id, name: m.name, source: m.source, sizeBytes: m.sizeBytes, isTestModel: m.origin.startsWith('test:') })),
  ];
}
