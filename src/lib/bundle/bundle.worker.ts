// Bundles are read here, not in the page: a bundle can be hundreds of megabytes (or claim gigabytes), and reading,
// inflating, hashing and parsing it on the page's thread froze the page for seconds.
import * as Comlink from 'comlink';
import { FieldlabelDb } from '../db/database';
import { browserRoomDeps } from '../storage/job-room';
import type { BundleApi } from './api';
import { openBundle } from './open-bundle';

// A bundle may carry labels, so this connection commits as strictly as the page's (see FieldlabelDb).
const db = new FieldlabelDb('strict');

const api: BundleApi = {
  open: (file) => openBundle(db, file, file.name, browserRoomDeps),
};

Comlink.expose(api);
