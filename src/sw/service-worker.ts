/// <reference lib="webworker" />
// The app's service worker: precache the shell (and the onnxruntime wasm) so the app starts offline, answer every
// navigation with the cached page, add the isolation headers and the Content-Security-Policy, and wait for the
// page's word before activating a new version.
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withServedHeaders } from './served-headers';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

addPlugins([{ handlerWillRespond: async ({ request, response }) => withServedHeaders(response, request.url) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('install', () => undefined);
// The first visit is controlled at once, so an annotator can go offline without reloading first.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
