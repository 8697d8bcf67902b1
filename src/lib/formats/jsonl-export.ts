// Tasks and their annotations as JSON Lines: one task per line, the shape task import reads back
// (see recordToTask), so an export re-imports as the same tasks.

import type { ExportAnnotation, ExportTask } from './types';

/** One chunk per task, each a complete line: hand them to `new Blob(chunks)` without joining. */
export function writeTasksJsonl(tasks: Iterable<ExportTask>): string[] {
  const chunks: string[] = [];
  for (const task of tasks) {
    // Keys are written in a fixed order so exports diff cleanly.
    const line = {
      id: task.id,
      text: task.text,
      meta: task.meta,
      annotations: task.annotations.map(annotationJson),
    };
    chunks.push(`${JSON.stringify(line)}\n`);
  }
  return chunks;
}

function annotationJson(annotation: ExportAnnotation) {
  return {
    annotator: annotation.annotatorId,
    annotator_name: annotation.annotatorName,
    value: annotation.value,
    status: annotation.status,
    created_at: new Date(annotation.createdAt).toISOString(),
    updated_at: new Date(annotation.updatedAt).toISOString(),
    revision: annotation.revision,
  };
}
