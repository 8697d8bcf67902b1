// What the user may have to tell about another tool's file before it is read, found in the records the preview read:
// which field holds the text (Label Studio tasks, JSON-MIN), which one the labels (JSON-MIN names it after the
// project's control tag), and whether its labels are numbered (doccano before 1.0). Offered as a CSV's text column is:
// the clear choice preselected, the user asked only when there is more than one.
import { namesLabelsById } from '../formats/spans/doccano';
import { dataOf } from '../formats/spans/labelstudio';
import { chooseLabelField, dataOnly } from '../formats/spans/labelstudio-min';
import type { LabelFormat } from '../formats/spans/registry';
import { chooseTextField } from '../formats/tasks';
import type { RawRecord } from '../formats/types';

export interface LabelledChoices {
  /** Fields that may hold the text; empty when the format has no text field to name. */
  textFields: string[];
  /** The one that clearly does, or null: the user picks. */
  textField: string | null;
  /** JSON-MIN: fields that may hold the results (else empty), and the one that clearly does. */
  labelFields: string[];
  labelField: string | null;
  /** doccano before 1.0: the file names its labels by id, and the ids' names must be given. */
  labelIds: boolean;
}

export function labelledChoices(format: LabelFormat, records: readonly RawRecord[]): LabelledChoices {
  const none: LabelledChoices = { textFields: [], textField: null, labelFields: [], labelField: null, labelIds: false };
  if (format === 'labelstudio') {
    const { textColumns, textField } = chooseTextField(records.map((record) => ({ ...record, fields: dataOf(record.fields) })));
    return { ...none, textFields: textColumns, textField };
  }
  if (format === 'labelstudio-min') {
    const { textColumns, textField } = chooseTextField(records.map(dataOnly));
    const { candidates, labelField } = chooseLabelField(records, textField ?? '');
    return { ...none, textFields: textColumns, textField, labelFields: candidates, labelField };
  }
  if (format === 'doccano') return { ...none, labelIds: records.some((record) => namesLabelsById(record.fields)) };
  return none;
}
