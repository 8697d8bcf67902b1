// Stores a file from another labelling tool — tasks, their human labels and their pre-annotations — in one
// transaction: the file is in the project whole, or not at all.
import type { LabelledImportPlan } from '../formats/spans/labelled-plan';
import { getOrCreateLocalAnnotator } from './annotator';
import type { FieldlabelDb } from './database';
import { newId } from './database';
import type { AnnotationRow, ImportRow, PrelabelRow, TaskRow } from './rows';
import { promoteHeld } from './sync-queries';

/** A named annotator from someone else's file gets an id of its own, stable across imports of that name. */
export function importedAnnotatorId(name: string): string {
  return `imported:${name}`;
}

export async function writeLabelledImport(
  db: FieldlabelDb,
  projectId: string,
  fileName: string,
  format: string,
  plan: LabelledImportPlan,
  now = Date.now(),
): Promise<ImportRow> {
  return db.transaction('rw', [db.projects, db.tasks, db.annotations, db.heldAnnotations, db.prelabels, db.imports, db.settings, db.annotators], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('The project no longer exists.');
    const local = await getOrCreateLocalAnnotator(db);
    const importId = newId();
    const known = new Set((await db.tasks.where('projectId').equals(projectId).primaryKeys()).map((key) => key[1]));
    const tasks: TaskRow[] = [];
    const annotations: AnnotationRow[] = [];
    const prelabels: PrelabelRow[] = [];
    const people = new Set<string>();
    let seq = project.nextSeq;
    let revision = local.revision;

    for (const task of plan.tasks) {
      // A task already in the project keeps its labels: a file must never overwrite work done here.
      if (known.has(task.id)) continue;
      known.add(task.id);
      tasks.push({ projectId, id: task.id, seq: seq++, text: task.text, meta: task.meta, importId });
      for (const annotation of task.annotations) {
        const foreign = annotation.annotator !== null;
        if (foreign) people.add(annotation.annotator as string);
        annotations.push({
          projectId,
          taskId: task.id,
          annotatorId: foreign ? importedAnnotatorId(annotation.annotator as string) : local.id,
          role: 'label',
          value: annotation.status === 'labelled' ? annotation.value : [],
          status: annotation.status,
          createdAt: now,
          updatedAt: now,
          revision: foreign ? 1 : ++revision,
          deviceId: foreign ? `import:${fileName}` : local.deviceId,
          suggestion: null,
          suggestionOutcome: null,
        });
      }
      if (task.prelabel) prelabels.push({ projectId, taskId: task.id, value: task.prelabel.value, score: task.prelabel.score, source: fileName });
    }

    await db.tasks.bulkAdd(tasks);
    await db.annotations.bulkPut(annotations);
    await db.prelabels.bulkPut(prelabels);
    await db.settings.put({ key: 'localAnnotator', value: { ...local, revision } });
    await db.annotators.bulkPut([...people].map((name) => ({ id: importedAnnotatorId(name), name, lastSeenAt: now })));
    await db.projects.update(projectId, { nextSeq: seq, updatedAt: now });
    // Annotations kept apart for tasks this file brought join them (the import is done at once, never rolled back).
    if (tasks.length > 0) await promoteHeld(db, project);
    const labelled = annotations.filter((a) => a.status === 'labelled').length;
    const summary = [
      `${labelled} label${labelled === 1 ? '' : 's'} and ${prelabels.length} suggestion${prelabels.length === 1 ? '' : 's'} taken over.`,
      ...plan.notes,
    ];
    const row: ImportRow = {
      id: importId,
      projectId,
      fileName,
      format,
      status: 'done',
      firstSeq: project.nextSeq,
      added: tasks.length,
      duplicates: plan.tasks.length - tasks.length,
      rejected: 0,
      problems: [],
      message: summary.join(' '),
      startedAt: now,
      finishedAt: now,
    };
    await db.imports.add(row);
    return row;
  });
}
