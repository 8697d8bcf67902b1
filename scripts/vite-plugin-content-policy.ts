// The Content-Security-Policy (src/sw/content-policy.ts) in what Vite makes: a <meta> in the built index.html, for
// a static host that sends no headers, and a header from `vite preview`, chosen per file (the model worker's differs).
// Not in the dev server: Vite's dev client injects component styles as inline <style> elements.
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY, contentPolicyFor } from '../src/sw/content-policy.ts';

const CHARSET = /<meta charset="[^"]*"\s*\/?>/i;

/** Right after the charset: a <meta> policy covers only what comes after it, and Vite adds scripts further down. */
export function withPolicyMeta(html: string): string {
  if (!CHARSET.test(html)) throw new Error('index.html: no <meta charset> to put the Content-Security-Policy after');
  return html.replace(CHARSET, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`);
}

export function contentPolicy(): Plugin {
  return {
    name: 'fieldlabel-content-policy',
    transformIndexHtml: { order: 'pre', handler: (html, context) => (context.server ? html : withPolicyMeta(html)) },
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        response.setHeader('Content-Security-Policy', contentPolicyFor(new URL(request.url ?? '/', 'http://x').pathname));
        next();
      });
    },
  };
}
