import { mount } from 'svelte';
// First, so the chosen theme and text size are on the page before anything is drawn.
import './lib/state/appearance.svelte';
import { Workbox } from 'workbox-window';
import App from './App.svelte';
import { device } from './lib/state/device.svelte';
import { workspace } from './lib/state/workspace.svelte';
import './styles.css';

/**
 * The service worker makes the app start offline. A new version waits until the annotator chooses to reload:
 * the page never reloads by itself in the middle of labelling.
 */
function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const wb = new Workbox(`${import.meta.env.BASE_URL}service-worker.js`);
  wb.addEventListener('waiting', () => {
    device.offerUpdate(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
}

void workspace.start();
registerServiceWorker();

export default mount(App, { target: document.getElementById('app') as HTMLElement });
