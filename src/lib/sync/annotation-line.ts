// An annotation line kept as text, for merges that only pass lines on (the CLI's `fieldlabel merge`). Nearly every line
// a device writes is already in the canonical form `annotationLine` gives — keys in annotationToJson's order, JSON's own
// escaping, times as toISOString writes them — and such a line is its own output: recognised by one regular
// expression, it is neither parsed into objects nor serialised again. Any other line takes the full path (JSON.parse,
// every field check) and is rewritten canonically, so the bytes out are the same either way.
import { annotationLine } from './label-file-write';
import { compareText, compareVersions } from './merge';
import { annotationFromJson, isoTime, ownerOf, type AnnotationJson, type LabelFileHeader, type SyncAnnotation } from './types';

/** What a merge needs of one annotation line: its identity, its version, and the canonical line itself. */
export interface AnnotationLine {
  taskId: string;
  annotatorId: string;
  revision: number;
  updatedAt: number;
  deviceId: string;
  /** Canonical, without its "\n". */
  text: string;
}

/**
 * One character JSON.stringify leaves as it is: no quote, backslash or control character, surrogates only in pairs.
 * Without the `u` flag the class works on UTF-16 code units, as JSON.stringify does.
 */
const CHAR = String.raw`(?:[^"\\\u0000-\u001f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])`;
const TIME = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)`;
/** Revisions of up to 15 digits are safe integers; a longer one takes the full path. */
const CANONICAL_LINE = new RegExp(
  String.raw`^\{"task_id":"(${CHAR}+)","annotator_id":"(${CHAR}+)","annotator_name":"${CHAR}*","role":"(?:label|review)",` +
    String.raw`"value":\[(?:"${CHAR}*"(?:,"${CHAR}*")*)?\],"status":"(?:labelled|skipped|retracted)",` +
    String.raw`"created_at":"${TIME}","updated_at":"${TIME}","revision":(0|[1-9]\d{0,14}),"device_id":"(${CHAR}+)"` +
    String.raw`(?:,"suggestion":\{"value":\[(?:"${CHAR}*"(?:,"${CHAR}*")*)?\],"confidence":(0|1|0\.\d+|\d(?:\.\d+)?e-\d+),` +
    String.raw`"model_version":"${CHAR}*"(?:,"hidden":true)?\})?\}$`,
);

/**
 * The line as it stands when it is canonical and passes every check parseAnnotation makes (a delta's owner and
 * revision included); null when it must take the full path, which gives the verdict and the message.
 */
export function canonicalAnnotationLine(text: string, header: LabelFileHeader): AnnotationLine | null {
  const match = CANONICAL_LINE.exec(text);
  if (match === null) return null;
  const [, taskId, annotatorId, createdText, updatedText, revisionText, deviceId, confidenceText] = match as unknown as [string, string, string, string, string, string, string, string | undefined];
  // A confidence is canonical when JSON.stringify writes the number it reads as the same way (and is a share).
  if (confidenceText !== undefined && String(Number(confidenceText)) !== confidenceText) return null;
  const updatedAt = canonicalTimeMs(updatedText);
  // A first label was created when it was last updated: one time to check, not two.
  if (updatedAt === null || (createdText !== updatedText && canonicalTimeMs(createdText) === null)) return null;
  const revision = Number(revisionText);
  if (header.scope === 'delta' && (ownerOf(annotatorId) !== header.annotator.id || revision <= (header.sinceRevision as number))) return null;
  return { taskId, annotatorId, revision, updatedAt, deviceId, text };
}

/** Start of each day ("2026-03-02T" → its ms), or null for a date toISOString would not write; bounded like isoTime's. */
const dayStarts = new Map<string, number | null>();
const MAX_CACHED_DAYS = 4096;

/**
 * The time, if toISOString would write it the same way (a day that exists, an hour below 24); else null. The text has
 * TIME's shape; its day is looked up, its time of day read from the digits: no Date.parse, no string made per line.
 */
function canonicalTimeMs(text: string): number | null {
  const prefix = text.slice(0, 11);
  let day = dayStarts.get(prefix);
  if (day === undefined) {
    const ms = Date.parse(`${prefix}00:00:00.000Z`);
    day = !Number.isNaN(ms) && isoTime(ms).startsWith(prefix) ? ms : null;
    if (dayStarts.size >= MAX_CACHED_DAYS) dayStarts.clear();
    dayStarts.set(prefix, day);
  }
  const [hours, minutes, seconds] = [digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2)];
  if (day === null || hours > 23 || minutes > 59 || seconds > 59) return null;
  return day + ((hours * 60 + minutes) * 60 + seconds) * 1000 + digitsAt(text, 20, 3);
}

function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}

/** An annotation read the full way, as a line: written canonically. */
export function lineOfAnnotation(a: SyncAnnotation): AnnotationLine {
  return { taskId: a.taskId, annotatorId: a.annotatorId, revision: a.revision, updatedAt: a.updatedAt, deviceId: a.deviceId, text: annotationLine(a).slice(0, -1) };
}

/** The annotation on a canonical line. The project plays no part in comparing versions, so none is given. */
export function annotationOfLine(text: string): SyncAnnotation {
  return annotationFromJson(JSON.parse(text) as AnnotationJson, '');
}

export function compareLineIdentity(a: AnnotationLine, b: AnnotationLine): number {
  return compareText(a.taskId, b.taskId) || compareText(a.annotatorId, b.annotatorId);
}

/** compareVersions on the lines' annotations; the content, which only a tie in the first three needs, is parsed then. */
export function compareLineVersions(a: AnnotationLine, b: AnnotationLine): number {
  return a.revision - b.revision || a.updatedAt - b.updatedAt || compareText(a.deviceId, b.deviceId) || compareVersions(annotationOfLine(a.text), annotationOfLine(b.text));
}

/**
 * The newest line of each identity, in identity order (the order of output files). Sorting groups the versions of an
 * identity, newest first, so no map of identities is built: keys made for a million lines were a tenth of a merge.
 */
export function newestOfEachLine(lines: AnnotationLine[]): AnnotationLine[] {
  lines.sort((a, b) => compareLineIdentity(a, b) || compareLineVersions(b, a));
  return lines.filter((line, i) => i === 0 || compareLineIdentity(line, lines[i - 1] as AnnotationLine) !== 0);
}
