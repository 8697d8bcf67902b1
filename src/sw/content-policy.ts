// The Content-Security-Policy, defined once for every way the app is served: the preview server and the e2e static
// server send it as a header, the service worker adds it to what it serves from the precache, and the build writes
// it into index.html as a <meta> for a static host that sends no headers.
//
// A policy belongs to a context (a document or a worker) from its creation and cannot change afterwards: a
// dedicated worker loaded from a URL takes the policy its script arrives with, a blob: worker its creator's. So the
// one exception, the hub for a model download the user asked for, is given to the one context that downloads — the
// model worker — and to no other; inside it, Transformers.js may reach the hub only while such a download runs
// (withRemoteModels in lib/model/transformers-env.ts).

import { MODEL_HUB_SOURCES } from '../lib/model/model-hub';

type Directives = Record<string, readonly string[]>;

const PAGE: Directives = {
  'default-src': ["'self'"],
  // onnxruntime compiles its wasm in the model worker; nothing of ours evaluates strings as code.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  // Stylesheets come only from our files. Attributes may be inline: the span editor writes its text pieces' colours
  // as style attributes (CSSOM changes, which Svelte's style: directives make, are never subject to a policy). An
  // inline style can still not fetch anything: url() in it is an image, and img-src names no other origin.
  'style-src': ["'self'"],
  'style-src-elem': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The model worker: onnxruntime's threaded build starts its threads as blob: workers that importScripts() a blob:
 * copy of its own code, and a user's download reaches the hub from here.
 */
const MODEL_WORKER: Directives = {
  ...PAGE,
  'script-src': ["'self'", 'blob:', "'wasm-unsafe-eval'"],
  'connect-src': ["'self'", ...MODEL_HUB_SOURCES],
};

/** A <meta> policy cannot say these (the browser ignores them there): only a header can. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The model worker's script as Vite names it (`assets/model.worker-<hash>.js`, from `new URL('./model.worker.ts',
 * import.meta.url)` in lib/model/client.ts), under whatever base path the app is served from.
 */
const MODEL_WORKER_SCRIPT = /\/model\.worker-[\w-]+\.js$/;

function serialise(directives: Directives, keep: (name: string) => boolean = () => true): string {
  return Object.entries(directives)
    .filter(([name]) => keep(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = serialise(PAGE);

export const MODEL_WORKER_POLICY = serialise(MODEL_WORKER);

/** The policy the build writes into index.html; a header sent with the page is enforced beside it. */
export const META_CONTENT_SECURITY_POLICY = serialise(PAGE, (name) => !HEADER_ONLY.has(name));

/** The policy to send with the file at `pathname`. */
export function contentPolicyFor(pathname: string): string {
  return MODEL_WORKER_SCRIPT.test(pathname) ? MODEL_WORKER_POLICY : CONTENT_SECURITY_POLICY;
}
