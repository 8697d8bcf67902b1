// Files of imported and downloaded models, kept in Cache Storage so Transformers.js can read them offline through
// its custom-cache hook (env.customCache: match + put), keyed by the URL it would otherwise fetch.
import { JobRoom, type JobRoomDeps } from '../storage/job-room';

export const MODEL_CACHE = 'fieldlabel-models';

/**
 * Storage per byte of a model's files in Cache Storage. Measured in Chromium 156 on an on-disk profile: 23.7 MB of
 * files took 23.7 MB; the tiny test model's 410 KB took 609 KB with the cache's own first files. A tenth more leaves
 * room for those.
 */
export const STORED_BYTES_PER_MODEL_BYTE = 1.1;

export interface ModelFileCache {
  match(request: string | Request): Promise<Response | undefined>;
  put(request: string | Request, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
}

/** Where Transformers.js looks for a model's files: `<base>/<modelId>/<path>`. */
export function modelFileUrl(base: string, modelId: string, path: string): string {
  return new URL(`${encodeURIComponent(modelId)}/${path}`, base).href;
}

export function browserModelCache(): ModelFileCache {
  return {
    async match(request) {
      return (await caches.open(MODEL_CACHE)).match(request);
    },
    async put(request, response) {
      await (await caches.open(MODEL_CACHE)).put(request, response);
    },
    async delete(request) {
      return (await caches.open(MODEL_CACHE)).delete(request);
    },
  };
}

const TYPES: Record<string, string> = { json: 'application/json', onnx: 'application/octet-stream', txt: 'text/plain' };

/**
 * Stores every file of a model under its URL; sizes let the UI say how much room a model takes. The files' room is
 * secured first (storage/room.ts): refused, nothing written, when they would take the device into the room kept for
 * labels (`room.what` names the job in that message). A write that fails midway takes back the files stored before it.
 */
export async function storeModelFiles(
  cache: ModelFileCache,
  base: string,
  modelId: string,
  files: Map<string, Uint8Array>,
  room: { deps: JobRoomDeps; what: string },
): Promise<number> {
  const size = [...files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
  const needed = Math.ceil(size * STORED_BYTES_PER_MODEL_BYTE);
  const secured = await JobRoom.open(room.deps, room.what, needed);
  const stored: string[] = [];
  try {
    for (const [path, bytes] of files) {
      const url = modelFileUrl(base, modelId, path);
      const type = TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
      await cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }));
      stored.push(url);
    }
    return size;
  } catch (error) {
    for (const url of stored) await cache.delete(url);
    throw secured.explain(error, needed);
  }
}

/** Removes a model's files; the model row goes with it in the database (see db/models). */
export async function deleteModelFiles(base: string, modelId: string): Promise<void> {
  const cache = await caches.open(MODEL_CACHE);
  const prefix = modelFileUrl(base, modelId, '');
  for (const request of await cache.keys()) if (request.url.startsWith(prefix)) await cache.delete(request);
}
