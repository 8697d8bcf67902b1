// The project's tasks as documents for another tool's format (Label Studio, Prodigy, doccano, CoNLL, Hugging Face).
// Pure. Only the exporting annotator's own labels go out, as in the JSONL/CSV export: another annotator's labels
// travel in their own label files, and the reviewed result in the final-labels export.
import type { TaskType } from '../domain/types';
import { decodeSpans } from '../spans/span-value';
import { judgement, type LabelledDoc } from './spans/document';
import type { ExportTask } from './types';

export function toLabelledDocs(tasks: readonly ExportTask[], taskType: TaskType, annotatorId: string, annotatorName: string): LabelledDoc[] {
  return tasks.map((task) => {
    const own = task.annotations.find((a) => a.annotatorId === annotatorId);
    const annotations = own
      ? [
          judgement({
            annotator: annotatorName,
            status: own.status,
            ...(taskType === 'spans' ? { spans: decodeSpans(own.value) } : { labels: [...own.value] }),
          }),
        ]
      : [];
    return { id: task.id, text: task.text, meta: task.meta, annotations, predictions: [] };
  });
}
