// Stores a file from another labelling tool — tasks, their human labels and their pre-annotations — in one
// transaction: the file is in the project whole, or not at all.
import type { LabelledImportPlan } from '../formats/spans/labelled-plan';
import { getOrCreateLocalAnnotator } from './annotator';
import type { FieldlabelDb } from './database';
import { newId } from './database';
import { importedAnnotatorId, storeFileImport, tasksNewToProject } from './file-import-store';
import type { AnnotationRow, ImportRow, PrelabelRow, TaskRow } from './rows';

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
    const fresh = await tasksNewToProject(db, projectId, plan.tasks);
    const tasks = fresh.map((task, index): TaskRow => ({ projectId, id: task.id, seq: project.nextSeq + index, text: task.text, meta: task.meta, importId }));
    let revision = local.revision;
    const annotations = fresh.flatMap((task) =>
      task.annotations.map((annotation): AnnotationRow => {
        const foreign = annotation.annotator !== null;
        return {
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
        };
      }),
    );
    const prelabels = fresh.flatMap(({ id, prelabel }): PrelabelRow[] => (prelabel ? [{ projectId, taskId: id, value: prelabel.value, score: prelabel.score, source: fileName }] : []));
    const people = new Set(fresh.flatMap((task) => task.annotations.flatMap((annotation) => (annotation.annotator === null ? [] : [annotation.annotator]))));

    await db.settings.put({ key: 'localAnnotator', value: { ...local, revision } });
    const labelled = annotations.filter((a) => a.status === 'labelled').length;
    const summary = [
      `${labelled} label${labelled === 1 ? '' : 's'} and ${prelabels.length} suggestion${prelabels.length === 1 ? '' : 's'} taken over.`,
      ...plan.notes,
    ];
    return storeFileImport(db, project, { fileName, format, planned: plan.tasks.length, summary }, { importId, tasks, annotations, prelabels, people }, now);
  });
}
