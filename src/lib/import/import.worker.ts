import * as Comlink from 'comlink';
import { FieldlabelDb } from '../db/database';
import { browserRoomDeps as room } from '../storage/job-room';
import { importLockName, type ImportApi } from './api';
import { inspectFile, runImport } from './run-import';
import { runCompareImport } from './run-compare-import';
import { runLabelledImport } from './run-labelled-import';

// Imports can be redone, so this connection trades durability for speed (see FieldlabelDb).
const db = new FieldlabelDb('relaxed');
let controller: AbortController | null = null;

const api: ImportApi = {
  inspect(file) {
    return inspectFile(file, file.name);
  },
  async run(file, projectId, textField, onProgress) {
    controller = new AbortController();
    let releaseLock: () => void = () => undefined;
    try {
      return await runImport({
        db,
        projectId,
        file,
        fileName: file.name,
        textField,
        signal: controller.signal,
        onProgress,
        room,
        onStarted(importId) {
          void navigator.locks.request(importLockName(importId), () => new Promise<void>((resolve) => (releaseLock = resolve)));
        },
      });
    } finally {
      releaseLock();
      controller = null;
    }
  },
  async runLabelled(file, projectId, format, options, onProgress) {
    controller = new AbortController();
    try {
      return await runLabelledImport({ db, projectId, file, fileName: file.name, format, options, signal: controller.signal, onProgress, room });
    } finally {
      controller = null;
    }
  },
  async runCompare(file, projectId, format, onProgress) {
    controller = new AbortController();
    try {
      return await runCompareImport({ db, projectId, file, fileName: file.name, format, signal: controller.signal, onProgress, room });
    } finally {
      controller = null;
    }
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
