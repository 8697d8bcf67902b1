import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withPolicyMeta } from '../../../scripts/vite-plugin-content-policy';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, MODEL_WORKER_POLICY, contentPolicyFor } from '../../../src/sw/content-policy';

/** A policy as directive name → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name as string, sources]));
}

describe('the Content-Security-Policy', () => {
  it('lets the page run only our scripts and wasm, reach only our origin and load no remote image, style or font', () => {
    const page = parse(CONTENT_SECURITY_POLICY);
    expect(page.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(page.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(page.get('connect-src')).toEqual(["'self'"]);
    expect(page.get('style-src-elem')).toEqual(["'self'"]);
    expect(page.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(page.get('font-src')).toEqual(["'self'"]);
    expect(page.get('object-src')).toEqual(["'none'"]);
    expect(page.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('gives the hub and blob: scripts to the model worker only, and every other directive as the page has it', () => {
    const page = parse(CONTENT_SECURITY_POLICY);
    const worker = parse(MODEL_WORKER_POLICY);
    expect(worker.get('connect-src')).toEqual(["'self'", 'https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co']);
    expect(worker.get('script-src')).toEqual(["'self'", 'blob:', "'wasm-unsafe-eval'"]);
    for (const [name, sources] of page) if (name !== 'connect-src' && name !== 'script-src') expect(worker.get(name)).toEqual(sources);
  });

  it('is chosen by file: the model worker script as Vite names it, under any base path, and nothing else', () => {
    expect(contentPolicyFor('/assets/model.worker-DQ_Wz5mG.js')).toBe(MODEL_WORKER_POLICY);
    expect(contentPolicyFor('/fieldlabel/assets/model.worker-a1b2.js')).toBe(MODEL_WORKER_POLICY);
    for (const other of ['/', '/index.html', '/assets/index-BHsyepgl.js', '/assets/import.worker-BEvz0QUg.js', '/service-worker.js', '/assets/model.worker-x.js.map', '/model.worker.ts']) {
      expect(contentPolicyFor(other)).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('leaves out of the <meta> what only a header can say, and keeps the rest', () => {
    const meta = parse(META_CONTENT_SECURITY_POLICY);
    expect(meta.has('frame-ancestors')).toBe(false);
    const page = parse(CONTENT_SECURITY_POLICY);
    page.delete('frame-ancestors');
    expect(meta).toEqual(page);
  });

  it('goes into index.html right after the charset, before anything it governs', () => {
    const html = withPolicyMeta(readFileSync(new URL('../../../index.html', import.meta.url), 'utf8'));
    const meta = `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`;
    expect(html.indexOf(meta)).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf('<link'));
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf('<script'));
    expect(() => withPolicyMeta('<html><head></head></html>')).toThrow('no <meta charset>');
  });
});
