import type { TaskType } from '../../domain/types';

// Every labelled-text format by the name the command line spells it: its title for people and the file it makes.
// The importer's choices, the export card, `convert` and the save dialog all read this one list.

interface FormatFile {
  title: string;
  mime: string;
  extension: string;
  /** Holds only spans (a classification project cannot be written to it). */
  spansOnly?: true;
  /** fieldlabel's own task export, not another tool's format. */
  ours?: true;
}

export const LABEL_FORMAT_FILES = {
  labelstudio: { title: 'Label Studio JSON', mime: 'application/json', extension: 'labelstudio.json' },
  'labelstudio-min': { title: 'Label Studio JSON-MIN', mime: 'application/json', extension: 'labelstudio-min.json' },
  prodigy: { title: 'Prodigy JSONL', mime: 'application/jsonl', extension: 'prodigy.jsonl' },
  doccano: { title: 'doccano JSONL', mime: 'application/jsonl', extension: 'doccano.jsonl' },
  conll: { title: 'CoNLL-2003 (IOB)', mime: 'text/plain', extension: 'conll', spansOnly: true },
  hf: { title: 'Hugging Face datasets JSONL', mime: 'application/jsonl', extension: 'hf.jsonl' },
  jsonl: { title: 'fieldlabel task export (JSONL)', mime: 'application/jsonl', extension: 'jsonl', ours: true },
  csv: { title: 'fieldlabel task export (CSV)', mime: 'text/csv', extension: 'csv', ours: true },
} as const satisfies Record<string, FormatFile>;

export type LabelFormat = keyof typeof LABEL_FORMAT_FILES;

const FORMAT_NAMES = Object.keys(LABEL_FORMAT_FILES) as LabelFormat[];

/** Every format's title, by name. */
export const LABEL_FORMATS = Object.fromEntries(FORMAT_NAMES.map((name) => [name, LABEL_FORMAT_FILES[name].title])) as Record<LabelFormat, string>;

export function isLabelFormat(name: string): name is LabelFormat {
  return Object.hasOwn(LABEL_FORMAT_FILES, name);
}

/** Another tool's formats a project of this kind can be written to. */
export function otherToolFormats(taskType: TaskType): LabelFormat[] {
  return FORMAT_NAMES.filter((name) => {
    const file: FormatFile = LABEL_FORMAT_FILES[name];
    return !file.ours && (!file.spansOnly || taskType === 'spans');
  });
}
