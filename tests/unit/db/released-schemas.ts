// Every released database version as it shipped — its tables and indexes, and rows as that version's app wrote
// them — so the upgrade tests open real old databases with today's FieldlabelDb. Taken from the history
// (`git show <commit>:src/lib/db/database.ts` and `rows.ts`); like a shipped version(n), never edited afterwards.
import Dexie from 'dexie';

export const RELEASED_VERSIONS = [1, 2, 3, 4] as const;
export type ReleasedVersion = (typeof RELEASED_VERSIONS)[number];

type Stores = Record<string, string>;
type Row = Record<string, unknown>;
export type Tables = Record<string, Row[]>;

/**
 * The tables and indexes of each version (30bffb6, edb877a, 5f1ec4c, 06b5046): each is the one before with what it
 * changed, as that version's `stores(...)` declared it. A Dexie version(n) lists its tables whole, so these objects are.
 */
const V1: Stores = {
  projects: 'id, lastOpenedAt',
  tasks: '[projectId+id], [projectId+seq], importId',
  annotations: '[projectId+taskId+annotatorId], [projectId+annotatorId+status], [projectId+taskId]',
  imports: 'id, [projectId+startedAt], status',
  settings: 'key',
};
const V2: Stores = { ...V1, tasks: '[projectId+id], [projectId+seq]', embeddings: '[projectId+taskId]', models: 'id', learning: 'projectId' };
const V3: Stores = { ...V2, annotators: 'id' };
const V4: Stores = { ...V3, prelabels: '[projectId+taskId]' };
const STORES: Record<ReleasedVersion, Stores> = { 1: V1, 2: V2, 3: V3, 4: V4 };

const YES_NO = [{ name: 'Yes', color: '#E69F00', hotkey: '1' }, { name: 'No', color: '#56B4E9', hotkey: '2', description: 'Not at all' }];
const COLOURS = [{ name: 'Red', color: '#D55E00', hotkey: '1' }, { name: 'Blue', color: '#0072B2', hotkey: '2' }];
const PEOPLE = [{ name: 'PER', color: '#E69F00', hotkey: '1' }];

/** What each version wrote. Fields arrive with the version that added them; nothing else about a row changes. */
export function rowsWrittenBy(version: ReleasedVersion): Tables {
  const since = <T extends Row>(added: number, fields: T): T | Record<string, never> => (version >= added ? fields : {});
  const project = (id: string, name: string, taskType: string, labels: object[], fields: Row) => ({
    id, name, taskType, labels, instructions: `Label ${name}.`, createdAt: 1_000, updatedAt: 2_000, lastOpenedAt: 3_000, nextSeq: 3, cursorSeq: 1, ...fields,
  });
  const task = (projectId: string, id: string, seq: number, text: string, meta: Row = {}) => ({ projectId, id, seq, text, meta, importId: `imp-${projectId}` });
  const annotation = (projectId: string, taskId: string, annotatorId: string, value: string[], fields: Row = {}) => ({
    projectId, taskId, annotatorId, value, status: 'labelled', createdAt: 5_000, updatedAt: 6_000, revision: 1, deviceId: 'dev-mo',
    ...since(2, { suggestion: null, suggestionOutcome: null }),
    ...since(3, { role: 'label' }),
    ...fields,
  });
  const tables: Tables = {
    projects: [
      project('p1', 'Yes or no', 'single', YES_NO, { ...since(2, { strategy: 'least-confidence' }), ...since(4, { allowOverlap: false }) }),
      project('p2', 'Colours', 'multi', COLOURS, { ...since(2, { strategy: 'hybrid' }), ...since(4, { allowOverlap: false }) }),
    ],
    tasks: [task('p1', 'a', 0, 'first'), task('p1', 'b', 1, 'second', { source: 'web', stars: 4 }), task('p1', 'c', 2, 'third'), task('p2', 'x', 0, 'red and blue')],
    annotations: [
      annotation('p1', 'a', 'mo', ['Yes'], { revision: 1 }),
      annotation('p1', 'b', 'mo', [], { status: 'skipped', revision: 2 }),
      annotation('p1', 'c', 'mo', [], { status: 'retracted', revision: 4, createdAt: 4_000 }),
      annotation('p2', 'x', 'mo', ['Blue', 'Red'], {
        revision: 3,
        ...since(2, { suggestion: { value: ['Red'], confidence: 0.75, modelVersion: 'head-7' }, suggestionOutcome: 'changed' }),
      }),
    ],
    imports: [
      {
        id: 'imp-p1', projectId: 'p1', fileName: 'yes-no.csv', format: 'csv', status: 'done', firstSeq: 0, added: 3, duplicates: 1, rejected: 1,
        problems: [{ line: 5, message: 'expected 2 columns (text, label), found 3' }], message: 'Imported 3 tasks', startedAt: 900, finishedAt: 950,
      },
      { id: 'imp-p2', projectId: 'p2', fileName: 'colours.txt', format: 'text', status: 'done', firstSeq: 0, added: 1, duplicates: 0, rejected: 0, problems: [], message: 'Imported 1 task', startedAt: 960, finishedAt: 970 },
      { id: 'imp-cut', projectId: 'p2', fileName: 'more.txt', format: 'text', status: 'interrupted', firstSeq: 1, added: 0, duplicates: 0, rejected: 0, problems: [], message: '', startedAt: 980, finishedAt: null },
    ],
    settings: [{ key: 'localAnnotator', value: { id: 'mo', name: 'Mo', deviceId: 'dev-mo', revision: 4 } }],
  };
  if (version >= 2) {
    tables.embeddings = [
      { projectId: 'p1', taskId: 'a', modelId: 'minilm', vector: new Float32Array([0.25, -0.5, 1]) },
      { projectId: 'p1', taskId: 'b', modelId: 'minilm', vector: new Float32Array([0, 0.125, -1]) },
    ];
    tables.models = [{ id: 'minilm', name: 'MiniLM', source: 'bundled', origin: 'models/minilm', sizeBytes: 23_000_000, quantized: true, addedAt: 800 }];
    tables.learning = [{ projectId: 'p1', modelId: 'minilm', curve: [[10, 0.6], [20, 0.72]] }];
  }
  if (version >= 3) {
    // Label files came with version 3: other annotators, reviews, and — until version 5 checked them — annotations
    // of tasks this device lacked and values that are no label of their project.
    tables.annotations!.push(
      annotation('p1', 'a', 'mo#review', ['No'], { role: 'review', revision: 5 }),
      annotation('p1', 'a', 'bo', ['No'], { deviceId: 'dev-bo', revision: 7 }),
      annotation('p1', 'b', 'bo', ['Maybe'], { deviceId: 'dev-bo', revision: 8 }),
      annotation('p1', 'ghost', 'bo', ['Yes'], { deviceId: 'dev-bo', revision: 9 }),
    );
    tables.annotators = [{ id: 'mo', name: 'Mo', lastSeenAt: 7_000 }, { id: 'bo', name: 'Bo', lastSeenAt: 7_500 }];
    tables.settings!.push({ key: 'lastLabelExport:p1', value: 5 });
  }
  if (version >= 4) {
    tables.projects!.push(project('p3', 'Names', 'spans', PEOPLE, { strategy: 'sequential', allowOverlap: true }));
    tables.tasks!.push(task('p3', 'n', 0, 'Ada Lovelace'));
    tables.annotations!.push(
      annotation('p3', 'n', 'mo', ['0:3:PER', '0:12:PER'], { revision: 10 }),
      annotation('p3', 'n', 'bo', ['0:40:PER'], { deviceId: 'dev-bo', revision: 11 }),
    );
    tables.prelabels = [{ projectId: 'p3', taskId: 'n', value: ['4:12:PER'], score: 0.5, source: 'names.conll' }];
  }
  return tables;
}

/** A database as version `version` left it, holding `rows`. Declares that version only, as a device of its day had it. */
export async function createReleasedDatabase(name: string, version: ReleasedVersion, rows: Tables): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores(STORES[version]);
  await db.open();
  await db.transaction('rw', db.tables, async () => {
    for (const [table, tableRows] of Object.entries(rows)) await db.table(table).bulkAdd(tableRows);
  });
  db.close();
}
