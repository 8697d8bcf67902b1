// Stores a compare file — tasks with their conversation and responses, the people's judgements, a model judge's
// verdicts — in one transaction: the file is in the project whole, or not at all.
import type { CompareImportPlan } from '../formats/compare/plan';
import type { FieldlabelDb } from './database';
import { newId } from './database';
import { importedAnnotatorId, storeFileImport, tasksNewToProject } from './file-import-store';
import type { AnnotationRow, ImportRow, PrelabelRow, TaskRow } from './rows';

export async function writeCompareImport(
  db: FieldlabelDb,
  projectId: string,
  fileName: string,
  format: string,
  plan: CompareImportPlan,
  now = Date.now(),
): Promise<ImportRow> {
  return db.transaction('rw', [db.projects, db.tasks, db.annotations, db.heldAnnotations, db.prelabels, db.imports, db.annotators], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('The project no longer exists.');
    if (project.taskType !== 'compare') throw new Error(`Project "${project.name}" does not compare responses; nothing was imported.`);
    const importId = newId();
    const fresh = await tasksNewToProject(db, projectId, plan.tasks);
    const tasks = fresh.map((task, index): TaskRow => ({ projectId, id: task.id, seq: project.nextSeq + index, text: task.text, meta: task.meta, importId, compare: task.compare }));
    const annotations = fresh.flatMap((task) =>
      task.annotations.map((annotation): AnnotationRow => ({
        projectId,
        taskId: task.id,
        annotatorId: importedAnnotatorId(annotation.annotator),
        role: 'label',
        value: annotation.value,
        status: annotation.status,
        createdAt: annotation.createdAt ?? now,
        updatedAt: annotation.updatedAt ?? annotation.createdAt ?? now,
        revision: 1,
        deviceId: `import:${fileName}`,
        suggestion: annotation.suggestion,
        suggestionOutcome: annotation.suggestionOutcome,
      })),
    );
    const prelabels = fresh.flatMap(({ id, prelabel }): PrelabelRow[] => (prelabel ? [{ projectId, taskId: id, value: prelabel.value, score: prelabel.score, source: prelabel.source ?? fileName }] : []));
    const people = new Set(fresh.flatMap((task) => task.annotations.map((annotation) => annotation.annotator)));

    const judged = annotations.filter((a) => a.status === 'labelled').length;
    const summary = [
      `${judged} judgement${judged === 1 ? '' : 's'} by ${people.size} annotator${people.size === 1 ? '' : 's'} and ${prelabels.length} model verdict${prelabels.length === 1 ? '' : 's'} (as suggestions) taken over.`,
      ...plan.notes,
    ];
    return storeFileImport(db, project, { fileName, format, planned: plan.tasks.length, summary }, { importId, tasks, annotations, prelabels, people }, now);
  });
}
