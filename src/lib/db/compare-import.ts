// Stores a compare file — tasks with their conversation and responses, the people's judgements, a model judge's
// verdicts — in one transaction: the file is in the project whole, or not at all.
import type { CompareImportPlan } from '../formats/compare/plan';
import type { FieldlabelDb } from './database';
import { newId } from './database';
import { importedAnnotatorId } from './labelled-import';
import type { AnnotationRow, ImportRow, PrelabelRow, TaskRow } from './rows';
import { promoteHeld } from './sync-queries';

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
    const known = new Set((await db.tasks.where('projectId').equals(projectId).primaryKeys()).map((key) => key[1]));
    const tasks: TaskRow[] = [];
    const annotations: AnnotationRow[] = [];
    const prelabels: PrelabelRow[] = [];
    const people = new Set<string>();
    let seq = project.nextSeq;

    for (const task of plan.tasks) {
      // A task already in the project keeps its judgements: a file must never overwrite work done here.
      if (known.has(task.id)) continue;
      known.add(task.id);
      tasks.push({ projectId, id: task.id, seq: seq++, text: task.text, meta: task.meta, importId, compare: task.compare });
      for (const annotation of task.annotations) {
        people.add(annotation.annotator);
        annotations.push({
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
        });
      }
      if (task.prelabel) prelabels.push({ projectId, taskId: task.id, value: task.prelabel.value, score: task.prelabel.score, source: task.prelabel.source ?? fileName });
    }

    await db.tasks.bulkAdd(tasks);
    await db.annotations.bulkPut(annotations);
    await db.prelabels.bulkPut(prelabels);
    await db.annotators.bulkPut([...people].map((name) => ({ id: importedAnnotatorId(name), name, lastSeenAt: now })));
    await db.projects.update(projectId, { nextSeq: seq, updatedAt: now });
    if (tasks.length > 0) await promoteHeld(db, project);
    const judged = annotations.filter((a) => a.status === 'labelled').length;
    const summary = [
      `${judged} judgement${judged === 1 ? '' : 's'} by ${people.size} annotator${people.size === 1 ? '' : 's'} and ${prelabels.length} model verdict${prelabels.length === 1 ? '' : 's'} (as suggestions) taken over.`,
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
