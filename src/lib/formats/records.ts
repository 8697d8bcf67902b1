// The one place that knows which parser reads which format.

import { createDelimitedStream } from './delimited';
import { createJsonArrayStream } from './json';
import { createJsonlStream } from './jsonl';
import { createTextStream } from './text';
import type { ImportFormat, RecordStream } from './types';

export function createRecordStream(format: ImportFormat, fileName: string): RecordStream {
  switch (format) {
    case 'text':
      return createTextStream(fileName);
    case 'jsonl':
      return createJsonlStream(fileName);
    case 'json':
      return createJsonArrayStream(fileName);
    case 'csv':
      return createDelimitedStream(fileName, ',');
    case 'tsv':
      return createDelimitedStream(fileName, '\t');
  }
}
