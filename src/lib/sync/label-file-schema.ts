// What a label file must say, line by line: the header first (type, version, then upgrade to the current version,
// then every field), then each annotation. Version history lives here and is append-only.
import { describeValue, isPlainObject } from '../formats/values';
import { FileFormatError } from '../formats/types';
import * as field from './fields';
import { FieldProblem } from './fields';
import { annotationFromJson, headerFromJson, ownerOf, type AnnotationJson, type LabelFileHeader, type SyncAnnotation, type SyncSuggestionJson } from './types';

const LABEL_FILE_TYPE = 'fieldlabel.labels';
export const LABEL_FILE_VERSION = 1;

type Json = Record<string, unknown>;

/** Rewrites one version's JSON as the next version's, header and annotation lines alike. */
export interface LabelFileUpgrade {
  header(json: Json): Json;
  annotation(json: Json): Json;
}

/** UPGRADES[v] turns version v into v + 1. Empty while version 1 is the only one; never change a shipped step. */
const UPGRADES: Record<number, LabelFileUpgrade> = {};

/** The steps from `version` up to the current one, composed; the identity for a current file. */
export function upgradeLabelFile(version: number): LabelFileUpgrade {
  const steps: LabelFileUpgrade[] = [];
  // Every version below the current one has its step, by the rule above.
  for (let v = version; v < LABEL_FILE_VERSION; v++) steps.push(UPGRADES[v] as LabelFileUpgrade);
  return {
    header: (json) => steps.reduce((j, step) => step.header(j), json),
    annotation: (json) => steps.reduce((j, step) => step.annotation(j), json),
  };
}

export interface ParsedHeader {
  header: LabelFileHeader;
  upgrade: LabelFileUpgrade;
}

const NOT_A_LABEL_FILE = `is not a fieldlabel label file: its first line should be a header with "type": "${LABEL_FILE_TYPE}"`;

export function parseLabelHeader(text: string, fileName: string, line: number): ParsedHeader {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FileFormatError(fileName, line, `${NOT_A_LABEL_FILE}, found text that is not JSON`);
  }
  if (!isPlainObject(json)) throw new FileFormatError(fileName, line, `${NOT_A_LABEL_FILE}, found ${describeValue(json)}`);
  if (json.type !== LABEL_FILE_TYPE) {
    const found = Object.hasOwn(json, 'type') ? `"type": ${JSON.stringify(json.type)}` : 'no "type"';
    throw new FileFormatError(fileName, line, `${NOT_A_LABEL_FILE}, found ${found}`);
  }
  const version = atLine(fileName, line, () => field.positiveInteger(json, 'version'));
  if (version > LABEL_FILE_VERSION) {
    throw new FileFormatError(
      fileName,
      null,
      `was written by a newer fieldlabel (label file version ${version}); this one reads up to ${LABEL_FILE_VERSION} — update the app`,
    );
  }
  const upgrade = upgradeLabelFile(version);
  const header = atLine(fileName, line, () => headerFields(upgrade.header(json), version));
  return { header, upgrade };
}

/** `version` is the one the file was written in, whatever it was upgraded to. */
function headerFields(json: Json, version: number): LabelFileHeader {
  const annotator = field.object(json, 'annotator');
  const scope = field.oneOf(json, 'scope', ['full', 'delta'] as const);
  const sinceRevision = field.nullableNonNegativeInteger(json, 'since_revision');
  if (scope === 'delta' && sinceRevision === null) {
    throw new FieldProblem('a delta file needs "since_revision" (the revision it continues after), found null');
  }
  if (scope === 'full' && sinceRevision !== null) {
    throw new FieldProblem(`a full file has "since_revision": null, found ${sinceRevision}`);
  }
  const checksum = field.nonEmptyString(json, 'checksum');
  if (!/^sha256:[0-9a-f]{64}$/.test(checksum)) {
    throw new FieldProblem('"checksum" must be "sha256:" followed by 64 lower-case hex digits');
  }
  return headerFromJson({
    type: LABEL_FILE_TYPE,
    version,
    project_id: field.nonEmptyString(json, 'project_id'),
    annotator: {
      id: field.nonEmptyString(annotator, 'id', 'annotator.id'),
      name: field.anyString(annotator, 'name', 'annotator.name'),
    },
    device_id: field.nonEmptyString(json, 'device_id'),
    created_at: field.isoTime(json, 'created_at'),
    scope,
    since_revision: sinceRevision,
    count: field.nonNegativeInteger(json, 'count'),
    checksum,
  });
}

/** One annotation line, already parsed as a JSON object and upgraded. */
export function parseAnnotation(json: Json, header: LabelFileHeader, fileName: string, line: number): SyncAnnotation {
  const fields = atLine(fileName, line, (): AnnotationJson => ({
    task_id: field.nonEmptyString(json, 'task_id'),
    annotator_id: field.nonEmptyString(json, 'annotator_id'),
    annotator_name: field.anyString(json, 'annotator_name'),
    role: field.oneOf(json, 'role', ['label', 'review'] as const),
    value: field.stringArray(json, 'value'),
    status: field.oneOf(json, 'status', ['labelled', 'skipped', 'retracted'] as const),
    created_at: field.isoTime(json, 'created_at'),
    updated_at: field.isoTime(json, 'updated_at'),
    revision: field.nonNegativeInteger(json, 'revision'),
    device_id: field.nonEmptyString(json, 'device_id'),
    ...(json['suggestion'] === undefined ? {} : { suggestion: suggestionFields(field.object(json, 'suggestion')) }),
  }));
  if (header.scope === 'delta') checkDeltaLine(fields, header, fileName, line);
  return annotationFromJson(fields, header.projectId);
}

/** The suggestion an annotation was made with (added to version 1 lines: older readers pass over it). */
function suggestionFields(json: Json): SyncSuggestionJson {
  const hidden = json['hidden'];
  if (hidden !== undefined && hidden !== true) throw new FieldProblem(`"suggestion.hidden" must be true or absent, found ${describeValue(hidden)}`, 'suggestion.hidden');
  return {
    value: field.stringArray(json, 'value', 'suggestion.value'),
    confidence: field.share(json, 'confidence', 'suggestion.confidence'),
    model_version: field.anyString(json, 'model_version', 'suggestion.model_version'),
    ...(hidden === true ? { hidden } : {}),
  };
}

/** A delta is one annotator's newer writes; anything else in it means it was assembled wrongly. */
function checkDeltaLine(a: AnnotationJson, header: LabelFileHeader, fileName: string, line: number): void {
  const expected = `a delta file holds only annotator "${header.annotator.id}"'s writes after revision ${header.sinceRevision}`;
  if (ownerOf(a.annotator_id) !== header.annotator.id) {
    throw new FileFormatError(fileName, line, `${expected}, found annotator "${a.annotator_id}"`);
  }
  if (a.revision <= (header.sinceRevision as number)) {
    throw new FileFormatError(fileName, line, `${expected}, found revision ${a.revision}`);
  }
}

function atLine<T>(fileName: string, line: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldProblem) throw new FileFormatError(fileName, line, error.message);
    throw error;
  }
}
