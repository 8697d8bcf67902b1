// Every compare-responses format by the name the command line spells it, with its title and the file it makes: the
// importer's choices, `convert` and the export card read this one list.

export const COMPARE_READ_FORMATS = {
  responses: 'JSONL of prompts or chats with responses to compare (OpenAI chat included)',
  trl: 'TRL preference JSONL (prompt, chosen, rejected)',
  'openai-preference': 'OpenAI preference fine-tuning JSONL',
  'labelstudio-pairwise': 'Label Studio JSON (Pairwise)',
  'compare-jsonl': 'fieldlabel compare JSONL',
} as const;

export type CompareReadFormat = keyof typeof COMPARE_READ_FORMATS;

interface CompareFormatFile {
  title: string;
  mime: string;
  extension: string;
  /** What one line of the file is, for the summary ("12 pairs → out.jsonl"). */
  unit: string;
}

export const COMPARE_WRITE_FORMATS = {
  trl: { title: 'TRL preference JSONL (DPO, reward models)', mime: 'application/jsonl', extension: 'trl.jsonl', unit: 'pair' },
  'openai-preference': { title: 'OpenAI preference fine-tuning JSONL', mime: 'application/jsonl', extension: 'openai-preference.jsonl', unit: 'pair' },
  kto: { title: 'TRL unpaired preference JSONL (KTO)', mime: 'application/jsonl', extension: 'kto.jsonl', unit: 'response' },
  sft: { title: 'SFT JSONL from corrections', mime: 'application/jsonl', extension: 'sft.jsonl', unit: 'example' },
  'labelstudio-pairwise': { title: 'Label Studio JSON (Pairwise: the choice of two)', mime: 'application/json', extension: 'labelstudio.json', unit: 'task' },
  'compare-jsonl': { title: 'fieldlabel compare JSONL (every judgement, re-imports)', mime: 'application/jsonl', extension: 'compare.jsonl', unit: 'task' },
} as const satisfies Record<string, CompareFormatFile>;

export type CompareWriteFormat = keyof typeof COMPARE_WRITE_FORMATS;

export function isCompareReadFormat(name: string): name is CompareReadFormat {
  return Object.hasOwn(COMPARE_READ_FORMATS, name);
}

export function isCompareWriteFormat(name: string): name is CompareWriteFormat {
  return Object.hasOwn(COMPARE_WRITE_FORMATS, name);
}
