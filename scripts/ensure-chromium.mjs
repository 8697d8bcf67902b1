// Makes sure an installed Chromium exists for the end-to-end tests and the benchmark. Never downloads a browser
// build: it uses CHROMIUM_PATH or Debian's package, and installs that package itself only as root with apt-get.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('No Chromium found: installing Debian\'s "chromium" package with apt-get (about 20 s)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (existsSync('/usr/bin/chromium')) process.exit(0);
  console.error('apt-get finished but /usr/bin/chromium is still missing.');
  process.exit(1);
}
console.error(
  [
    'The end-to-end tests need an installed Chromium and none was found.',
    hasApt ? 'Install it with:  sudo apt-get install -y chromium' : 'Install Chromium with your system package manager,',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  ].join('\n'),
);
process.exit(1);
