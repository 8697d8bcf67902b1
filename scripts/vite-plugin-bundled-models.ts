// Offers the model folders shipped with a build: every `public/models/<id>/` (and, for test builds, every folder
// under FIELDLABEL_EXTRA_MODELS) is listed in `models/index.json`, which the model worker reads at start.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

export interface BundledModelEntry {
  id: string;
  name: string;
  sizeBytes: number;
  files: string[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function findModels(roots: string[]): { entry: BundledModelEntry; dir: string }[] {
  return roots
    .filter((root) => existsSync(root))
    .flatMap((root) =>
      readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'config.json')))
        .map((d) => {
          const dir = join(root, d.name);
          const files = listFiles(dir).map((file) => relative(dir, file).split('\\').join('/'));
          const sizeBytes = files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
          const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { _name_or_path?: string };
          return { dir, entry: { id: d.name, name: config._name_or_path ?? d.name, sizeBytes, files: files.sort() } };
        }),
    );
}

export function bundledModels(publicModels: string, extraRoot = process.env.FIELDLABEL_EXTRA_MODELS): Plugin {
  const roots = [publicModels, ...(extraRoot ? [extraRoot] : [])];
  const index = () => JSON.stringify({ models: findModels(roots).map((m) => m.entry) });
  return {
    name: 'fieldlabel-bundled-models',
    configureServer(server) {
      server.middlewares.use('/models/index.json', (_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(index());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'models/index.json', source: index() });
      if (!extraRoot) return;
      for (const { dir, entry } of findModels([extraRoot])) {
        for (const file of entry.files) {
          this.emitFile({ type: 'asset', fileName: `models/${entry.id}/${file}`, source: readFileSync(join(dir, file)) });
        }
      }
    },
  };
}
