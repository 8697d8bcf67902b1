// Which parser reads a file. The extension is the user's own statement of what the file is, so it wins;
// the content is only consulted when the extension says nothing (".dat", ".out", no extension).

import { FileFormatError, type ImportFormat } from './types';

const FORMAT_BY_EXTENSION = new Map<string, ImportFormat>([
  ['txt', 'text'],
  ['text', 'text'],
  ['jsonl', 'jsonl'],
  ['ndjson', 'jsonl'],
  ['json', 'json'],
  ['csv', 'csv'],
  ['tsv', 'tsv'],
  ['tab', 'tsv'],
]);

const FORMAT_LABELS: Record<ImportFormat, string> = {
  text: 'Plain text',
  jsonl: 'JSON Lines',
  json: 'JSON',
  csv: 'CSV',
  tsv: 'TSV',
};

/** `head` is the start of the decoded file; a few kilobytes are plenty. */
export function detectFormat(fileName: string, head: string): ImportFormat {
  const content = head.trimStart();
  if (content === '') throw new FileFormatError(fileName, null, 'is empty: there are no tasks in it');
  return formatFromExtension(fileName) ?? formatFromContent(content);
}

export function formatLabel(format: ImportFormat): string {
  return FORMAT_LABELS[format];
}

function formatFromExtension(fileName: string): ImportFormat | undefined {
  const baseName = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = baseName.lastIndexOf('.');
  return dot === -1 ? undefined : FORMAT_BY_EXTENSION.get(baseName.slice(dot + 1).toLowerCase());
}

function formatFromContent(content: string): ImportFormat {
  if (content.startsWith('[')) return 'json';
  if (content.startsWith('{')) return 'jsonl';
  const firstLine = content.split(/\r\n?|\n/, 1)[0]!;
  if (firstLine.includes('\t')) return 'tsv';
  if (firstLine.includes(',')) return 'csv';
  return 'text';
}
