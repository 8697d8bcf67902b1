import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bundledModels } from './scripts/vite-plugin-bundled-models.ts';
import { contentPolicy } from './scripts/vite-plugin-content-policy.ts';
import { ISOLATION_HEADERS } from './src/sw/isolation.ts';

export default defineConfig({
  plugins: [
    svelte(),
    bundledModels('public/models'),
    contentPolicy(),
    VitePWA({
      // The page registers the worker itself with workbox-window and asks before activating a new version.
      registerType: 'prompt',
      injectRegister: false,
      // Off in dev: a service worker there caches stale modules across reloads.
      devOptions: { enabled: false },
      manifest: {
        name: 'fieldlabel',
        short_name: 'fieldlabel',
        description: 'Label text offline, with the keyboard, on any device.',
        theme_color: '#0b5cad',
        background_color: '#f6f5f2',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm,json,onnx}'],
        // Only the server may answer it: it tells the page whether the app's origin is reachable.
        globIgnores: ['online-check.txt'],
        // The onnxruntime wasm (~10 MB each) must be precached for offline inference.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      },
    }),
  ],
  worker: { format: 'es' },
  // Transformers.js inside a worker would otherwise trigger a dependency re-optimisation and a reload mid-session.
  optimizeDeps: { include: ['comlink', 'dexie', 'papaparse', '@xenova/transformers', 'fflate'] },
  build: { target: 'es2022' },
  server: { headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
});
