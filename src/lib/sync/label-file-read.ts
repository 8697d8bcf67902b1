// Reading label files: line by line, so the CLI can stream 500 files and the page can read one it holds. A file is
// taken whole or refused whole: cut off, changed after export, or with one bad line, nothing of it may be applied.
import { describeJsonSyntaxError } from '../formats/json-error';
import { createLineSplitter, isBlankLine, type NumberedLine } from '../formats/lines';
import { FileFormatError } from '../formats/types';
import { describeValue, isPlainObject } from '../formats/values';
import { canonicalAnnotationLine, lineOfAnnotation, type AnnotationLine } from './annotation-line';
import { LABEL_FILE_VERSION, parseAnnotation, parseLabelHeader, type ParsedHeader } from './label-file-schema';
import { webCryptoSha256, type Sha256 } from './sha256';
import type { LabelFile, LabelFileHeader, SyncAnnotation } from './types';

export interface LabelFileReader {
  /**
   * The next line, without its line ending: returns the annotation on it, or null for the header and blank lines.
   * Annotations come out before the count and checksum can be checked, so whoever applies them as they come must
   * be able to drop them all if end() throws.
   */
  push(text: string): SyncAnnotation | null;
  /** After the last line: checks the count and the checksum. */
  end(): Promise<LabelFileHeader>;
}

export function createLabelFileReader(fileName: string, sha: Sha256 = webCryptoSha256()): LabelFileReader {
  return createReader(fileName, sha, () => null, (annotation) => annotation);
}

/**
 * The same checks, for merges that pass lines on: each annotation comes out as its canonical line, taken as it stands
 * when it already is canonical (annotation-line.ts) and rewritten otherwise.
 */
export function createLabelLineReader(fileName: string, sha: Sha256): { push(text: string): AnnotationLine | null; end(): Promise<LabelFileHeader> } {
  return createReader(
    fileName,
    sha,
    // An older file's lines must be upgraded first, and only the full path does that.
    (text, header) => (header.version === LABEL_FILE_VERSION ? canonicalAnnotationLine(text, header) : null),
    lineOfAnnotation,
  );
}

/**
 * `fast` may take an annotation line without parsing it (null: it declines); every other line is parsed and checked
 * in full, and `full` turns the annotation into what the reader hands out.
 */
function createReader<T>(
  fileName: string,
  sha: Sha256,
  fast: (text: string, header: LabelFileHeader) => T | null,
  full: (annotation: SyncAnnotation) => T,
): { push(text: string): T | null; end(): Promise<LabelFileHeader> } {
  let parsed: ParsedHeader | null = null;
  let line = 0;
  let read = 0;
  // A line that is not JSON is only known to be the cut-off end of the file once no other line follows it.
  let unfinished: FileFormatError | null = null;

  return {
    push(text) {
      line++;
      if (isBlankLine(text)) return null;
      if (unfinished !== null) throw unfinished;
      if (parsed === null) {
        parsed = parseLabelHeader(line === 1 ? text.replace(/^\uFEFF/, '') : text, fileName, line);
        return null;
      }
      let taken = fast(text, parsed.header);
      if (taken === null) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (error) {
          unfinished = new FileFormatError(fileName, line, `not valid JSON (${describeJsonSyntaxError(error, text).reason})`);
          return null;
        }
        if (!isPlainObject(json)) throw new FileFormatError(fileName, line, `expected a JSON object, found ${describeValue(json)}`);
        taken = full(parseAnnotation(parsed.upgrade.annotation(json), parsed.header, fileName, line));
      }
      read++;
      sha.update(`${text}\n`);
      return taken;
    },

    async end() {
      if (parsed === null) throw new FileFormatError(fileName, null, 'is empty: a label file starts with a header line');
      const { header } = parsed;
      if (read < header.count) {
        throw new FileFormatError(
          fileName,
          null,
          `ends after ${formatCount(read)} of ${formatCount(header.count)} annotations — the file was cut off; export it again`,
        );
      }
      if (unfinished !== null) throw unfinished;
      if (read > header.count) {
        throw new FileFormatError(
          fileName,
          null,
          `holds ${formatCount(read)} annotations but its header says ${formatCount(header.count)} — it was changed after export; export it again`,
        );
      }
      if (`sha256:${await sha.digest()}` !== header.checksum) {
        throw new FileFormatError(fileName, null, 'was changed after export (checksum mismatch); export it again from the device that made it');
      }
      return header;
    },
  };
}

/** Gathers a label file pushed line by line (every line, blank ones too, so line numbers hold) into a LabelFile. */
export function createLabelFileCollector(fileName: string, sha?: Sha256): { push(line: NumberedLine): void; end(): Promise<LabelFile> } {
  const reader = createLabelFileReader(fileName, sha);
  const annotations: SyncAnnotation[] = [];
  const lines: number[] = [];
  return {
    push({ text, line }) {
      const annotation = reader.push(text);
      if (annotation === null) return;
      annotations.push(annotation);
      lines.push(line);
    },
    async end() {
      return { fileName, header: await reader.end(), annotations, lines };
    },
  };
}

export async function readLabelFile(text: string, fileName: string): Promise<LabelFile> {
  const collector = createLabelFileCollector(fileName);
  const splitter = createLineSplitter();
  for (const line of [...splitter.push(text), ...splitter.end()]) collector.push(line);
  return collector.end();
}

/** Refuses a file exported from another project, before anything of it is applied to this one. */
export function checkProject(file: LabelFile, projectId: string, projectName: string): void {
  if (file.header.projectId === projectId) return;
  throw new FileFormatError(
    file.fileName,
    null,
    `belongs to another project (project id "${file.header.projectId}"), not to "${projectName}"; open that project to import it`,
  );
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
