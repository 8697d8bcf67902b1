// A small disk of its own for a browser profile (a tmpfs), so a test can fill it the way a nearly full tablet is
// filled: by the app itself, or by another app writing beside it. Mounting needs root, as on the CI machines; a
// developer without root sees these tests skipped with the reason.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium';

export interface SmallDisk {
  /** Where the browser profile goes. */
  profile: string;
  freeBytes(): number;
  /** Another app writes until only `bytesLeft` are free. */
  fillUntilFree(bytesLeft: number): void;
  /** Another app takes every byte left. */
  fillCompletely(): void;
  /** That other app's files deleted. */
  emptyFiller(): void;
  /** The disk made bigger (the browser sees it once it starts again). */
  grow(megabytes: number): void;
  remove(): void;
}

export function canMountDisks(): boolean {
  return process.getuid?.() === 0;
}

export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'fieldlabel-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  const profile = join(dir, 'profile');
  const fillerDir = join(dir, 'other-app');
  mkdirSync(profile);
  mkdirSync(fillerDir);
  let fillers = 0;
  const freeBytes = () => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  const fillWith = (bytes: number) => {
    const mb = 1024 * 1024;
    const block = Buffer.alloc(mb, 7);
    const path = join(fillerDir, `file-${fillers++}`);
    writeFileSync(path, '');
    for (let written = 0; written < bytes; written += mb) {
      try {
        writeFileSync(path, written + mb <= bytes ? block : block.subarray(0, bytes - written), { flag: 'a' });
      } catch {
        return; // the disk is full
      }
    }
  };
  return {
    profile,
    freeBytes,
    fillUntilFree: (bytesLeft) => fillWith(Math.max(0, freeBytes() - bytesLeft)),
    fillCompletely: () => fillWith(freeBytes() + 1024 * 1024),
    emptyFiller: () => {
      rmSync(fillerDir, { recursive: true, force: true });
      mkdirSync(fillerDir);
    },
    grow: (megabytes) => execFileSync('mount', ['-o', `remount,size=${megabytes}m`, dir]),
    remove: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium on an on-disk profile (Playwright's own contexts keep IndexedDB in memory). */
export async function launchOnDisk(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
