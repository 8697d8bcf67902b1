import Dexie, { type EntityTable } from 'dexie';
import { valueProblem } from '../sync/label-values';
import type { AnnotationRow, AnnotatorRow, EmbeddingRow, ImportRow, LearningRow, LocalAnnotator, ModelRow, PrelabelRow, ProjectRow, SettingRow, TaskRow } from './rows';

export const DATABASE_NAME = 'fieldlabel';

export type Durability = 'strict' | 'relaxed';

export class FieldlabelDb extends Dexie {
  projects!: EntityTable<ProjectRow, 'id'>;
  tasks!: Dexie.Table<TaskRow, [string, string]>;
  annotations!: Dexie.Table<AnnotationRow, [string, string, string]>;
  imports!: EntityTable<ImportRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  embeddings!: Dexie.Table<EmbeddingRow, [string, string]>;
  models!: EntityTable<ModelRow, 'id'>;
  learning!: EntityTable<LearningRow, 'projectId'>;
  annotators!: EntityTable<AnnotatorRow, 'id'>;
  prelabels!: Dexie.Table<PrelabelRow, [string, string]>;
  heldAnnotations!: Dexie.Table<AnnotationRow, [string, string, string]>;

  /**
   * Chromium commits with relaxed durability by default (since 121): a committed label could vanish when a
   * tablet's battery dies. Labels therefore go through a 'strict' connection; bulk imports, which can be redone,
   * use a 'relaxed' one.
   */
  constructor(durability: Durability, name = DATABASE_NAME) {
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores({
      projects: 'id, lastOpenedAt',
      tasks: '[projectId+id], [projectId+seq], importId',
      annotations: '[projectId+taskId+annotatorId], [projectId+annotatorId+status], [projectId+taskId]',
      imports: 'id, [projectId+startedAt], status',
      settings: 'key',
    });
    // v2: the model in the loop. An import's tasks are one contiguous seq range, so rollback no longer needs
    // the importId index (one index write less per imported task).
    this.version(2)
      .stores({
        tasks: '[projectId+id], [projectId+seq]',
        embeddings: '[projectId+taskId]',
        models: 'id',
        learning: 'projectId',
      })
      .upgrade(async (tx) => {
        await tx.table('projects').toCollection().modify((project: Partial<ProjectRow>) => {
          project.strategy ??= 'sequential';
        });
        await tx.table('annotations').toCollection().modify((annotation: Partial<AnnotationRow>) => {
          annotation.suggestion ??= null;
          annotation.suggestionOutcome ??= null;
        });
      });
    // v3: sync by files. Annotations say whether they are labels or reviews; annotators from imported label files
    // are remembered by name.
    this.version(3)
      .stores({ annotators: 'id' })
      .upgrade(async (tx) => {
        await tx.table('annotations').toCollection().modify((annotation: Partial<AnnotationRow>) => {
          annotation.role ??= 'label';
        });
        const local = (await tx.table('settings').get('localAnnotator')) as { value: LocalAnnotator } | undefined;
        if (local) await tx.table('annotators').put({ id: local.value.id, name: local.value.name, lastSeenAt: Date.now() });
      });
    // v4: span labelling. Projects say whether spans may overlap; pre-annotations from imported files are kept
    // apart from labels, as suggestions.
    this.version(4)
      .stores({ prelabels: '[projectId+taskId]' })
      .upgrade(async (tx) => {
        await tx.table('projects').toCollection().modify((project: Partial<ProjectRow>) => {
          project.allowOverlap ??= false;
        });
      });
    // v5: annotations kept apart (sync/held.ts): label files may speak of tasks this device does not have yet.
    // Before, such annotations were applied and counted; they, and values that can be no label of their project,
    // move apart now, so no count, agreement figure or review speaks of them, and no label file loses them.
    this.version(5)
      .stores({ heldAnnotations: '[projectId+taskId+annotatorId], [projectId+taskId]' })
      .upgrade(async (tx) => {
        for (const project of (await tx.table('projects').toArray()) as ProjectRow[]) {
          const rows = (await tx.table('annotations').where('projectId').equals(project.id).toArray()) as AnnotationRow[];
          const tasks = (await tx.table('tasks').bulkGet(rows.map((r) => [project.id, r.taskId]))) as (TaskRow | undefined)[];
          const apart = rows.filter((row, i) => tasks[i] === undefined || valueProblem(row.value, project, tasks[i]) !== null);
          await tx.table('heldAnnotations').bulkPut(apart);
          await tx.table('annotations').bulkDelete(apart.map((r) => [r.projectId, r.taskId, r.annotatorId]));
        }
      });
  }
}

let pageDb: FieldlabelDb | null = null;

/** The page's connection: strict durability, because the page writes labels. */
export function getPageDb(): FieldlabelDb {
  pageDb ??= new FieldlabelDb('strict');
  return pageDb;
}

export function newId(): string {
  return crypto.randomUUID();
}
