import { execSync } from 'node:child_process';

/** The end-to-end tests run against the production build, service worker included. */
export default function globalSetup(): void {
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
