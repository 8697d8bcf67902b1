// Files of imported and downloaded models, kept in Cache Storage so Transformers.js can read them offline through
// its custom-cache hook (env.customCache: match + put), keyed by the URL it would otherwise fetch.

export const MODEL_CACHE = 'fieldlabel-models';

export interface ModelFileCache {
  match(request: string | Request): Promise<Response | undefined>;
  put(request: string | Request, response: Response): Promise<void>;
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
  };
}

const TYPES: Record<string, string> = { json: 'application/json', onnx: 'application/octet-stream', txt: 'text/plain' };

/** Stores every file of a model under its URL; sizes let the UI say how much room a model takes. */
export async function storeModelFiles(
  cache: ModelFileCache,
  base: string,
  modelId: string,
  files: Map<string, Uint8Array>,
): Promise<number> {
  let size = 0;
  for (const [path, bytes] of files) {
    const type = TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    await cache.put(modelFileUrl(base, modelId, path), new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }));
    size += bytes.byteLength;
  }
  return size;
}

/** Removes a model's files; the model row goes with it in the database (see db/models). */
export async function deleteModelFiles(base: string, modelId: string): Promise<void> {
  const cache = await caches.open(MODEL_CACHE);
  const prefix = modelFileUrl(base, modelId, '');
  for (const request of await cache.keys()) if (request.url.startsWith(prefix)) await cache.delete(request);
}
