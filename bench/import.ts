// Import throughput of the app against the same browser's bare IndexedDB, same file, same run: the ratio says how
// much of the possible speed the app's path (worker, parser, Dexie, duplicate check, indexes, progress) keeps.
import { importedProject, tasksFile } from './support/project';
import { rawIdbImport } from './support/raw-idb';
import { round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

export const importTargets: Record<string, Target> = {
  'import.ratio': { atLeast: 0.5 },
};

export async function measureImport(bench: Bench): Promise<Figures> {
  // The baseline first, on the fresh profile; it deletes its database, and quiet() waits out the compaction that
  // follows, so the app then writes into an origin as empty as the baseline found it. Both share one LevelDB
  // per origin, so the other order would make the baseline write beside the app's 100k rows.
  const dataset = await tasksFile(bench);
  await bench.quiet();
  const raw = await rawIdbImport(bench, dataset);
  if (raw.stored !== dataset.rows) throw new Error(`The raw IndexedDB baseline stored ${raw.stored} of ${dataset.rows} rows.`);
  await bench.quiet();
  // The app's import also prepares the project other modules reuse (see support/project.ts).
  const project = await importedProject(bench);
  const { rows, bytes } = dataset;

  const appRate = rows / (project.importMs / 1000);
  const rawRate = rows / (raw.ms / 1000);
  return {
    'import.tasks_per_s': round(appRate, 0),
    'import.raw_idb_tasks_per_s': round(rawRate, 0),
    'import.ratio': round(appRate / rawRate, 3),
    // The raw seconds behind the rates, and the size of the file, so a changed figure can be traced.
    'import.app_s': round(project.importMs / 1000, 3),
    'import.app_wall_s': round(project.importWallMs / 1000, 3),
    'import.raw_idb_s': round(raw.ms / 1000, 3),
    // Background work (IndexedDB compaction) the import leaves behind: the device stays busy this long after.
    'import.app_settle_s': round(project.settleMs / 1000, 1),
    'import.file_mb': round(bytes / 1e6, 2),
  };
}
