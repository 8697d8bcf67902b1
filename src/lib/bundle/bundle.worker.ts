// Bundles are read here, not in the page: a bundle can be hundreds of megabytes (or claim gigabytes), and reading,
// inflating, hashing and parsing it on the page's thread froze the page for seconds.
import * as Comlink from 'comlink';
import { FieldlabelDb } from '../db/database';
import { applyBundle } from '../db/sync-queries';
import { readBundle } from '../sync/bundle-read';
import { blobSource } from '../sync/zip-reader';
import type { BundleApi } from './api';

// A bundle may carry labels, so this connection commits as strictly as the page's (see FieldlabelDb).
const db = new FieldlabelDb('strict');

const api: BundleApi = {
  async open(file) {
    const bundle = await readBundle(blobSource(file), file.name);
    return { projectId: bundle.project.id, outcome: await applyBundle(db, bundle) };
  },
};

Comlink.expose(api);
