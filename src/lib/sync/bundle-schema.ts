// What a project bundle's manifest.json and tasks.jsonl must say: type, version, upgrade to the current version,
// then every field. Version history lives here and is append-only.
import { TASK_TYPES } from '../domain/task-types';
import type { LabelDef, TaskType } from '../domain/types';
import { lineOfJsonPath, parseFieldPath } from '../formats/json-path-line';
import { isNonBlankString } from '../formats/tasks';
import { FileFormatError } from '../formats/types';
import { describeValue, isPlainObject } from '../formats/values';
import { labelSetProblems } from '../labels/labelset';
import { SAMPLING_STRATEGIES } from '../domain/types';
import { parseCompareContent, parseRubric } from './compare-schema';
import * as field from './fields';
import { FieldProblem } from './fields';
import { projectFromJson, type BundleProject, type BundleTask } from './bundle-types';

export const BUNDLE_TYPE = 'fieldlabel.bundle';
/**
 * 1: the first bundles. Span projects (`task_type` "spans", `allow_overlap`) were first written as version 1 too.
 * 2: span projects. Every project says `allow_overlap`, so an app that knows only version 1 refuses the bundle as
 *    made by a newer fieldlabel, not for a field it cannot read.
 * 3: compare projects. The project may carry a `rubric` and each task its `compare` content (conversation and
 *    responses); an app that knows only version 2 would refuse `task_type` "compare" for a field, or drop the
 *    responses, so it refuses the bundle as newer instead. Nothing of versions 1–2 changes meaning.
 */
export const BUNDLE_VERSION = 3;
export const MANIFEST = 'manifest.json';
export const TASKS_FILE = 'tasks.jsonl';
export const LABELS_FILE = 'annotations.labels.jsonl';
export const MODEL_FOLDER = 'model/';

type Json = Record<string, unknown>;

/** The app stores model files by their path: one named "../x" must not land outside the model's place. */
export function isInsideFolder(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split(/[/\\]/).includes('..');
}

/** What the manifest says of one file in the archive. `count` is the number of lines of a JSON Lines file. */
export interface BundleFileEntry {
  sha256: string;
  bytes: number;
  count?: number;
}

export interface Manifest {
  project: BundleProject;
  createdBy: { id: string; name: string };
  createdAt: number;
  files: Map<string, BundleFileEntry>;
}

/** Rewrites one version's manifest as the next version's; tasks.jsonl would get its own hook the day it changes. */
export type BundleUpgrade = (manifest: Json) => Json;

/** UPGRADES[v] turns version v into v + 1; never change a shipped step. */
const UPGRADES: Record<number, BundleUpgrade> = {
  // Version 1 said nothing about overlapping spans, except from span projects written before version 2 existed.
  1: (manifest) => {
    const project = manifest.project;
    if (!isPlainObject(project) || Object.hasOwn(project, 'allow_overlap')) return manifest;
    return { ...manifest, project: { ...project, allow_overlap: false } };
  },
  // Version 2 had no compare projects: its bundles read as they are.
  2: (manifest) => manifest,
};

export function upgradeBundle(version: number): BundleUpgrade {
  const steps: BundleUpgrade[] = [];
  for (let v = version; v < BUNDLE_VERSION; v++) {
    const step = UPGRADES[v];
    // Only a version bump without its step gets here; the fixtures of every version fail on it.
    if (step === undefined) throw new Error(`bundle version ${v} has no upgrade step to version ${v + 1}`);
    steps.push(step);
  }
  return (manifest) => steps.reduce((json, step) => step(json), manifest);
}

export function parseManifest(text: string, where: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FileFormatError(where, null, 'is not a fieldlabel project bundle: its manifest.json is not valid JSON');
  }
  if (!isPlainObject(json) || json.type !== BUNDLE_TYPE) {
    throw new FileFormatError(where, null, `is not a fieldlabel project bundle: its manifest.json has no "type": "${BUNDLE_TYPE}"`);
  }
  const version = inManifest(where, text, () => field.positiveInteger(json, 'version'));
  if (version > BUNDLE_VERSION) {
    throw new FileFormatError(
      where,
      null,
      `was written by a newer fieldlabel (bundle version ${version}); this one reads up to ${BUNDLE_VERSION} — update the app`,
    );
  }
  return inManifest(where, text, () => manifestFields(upgradeBundle(version)(json)));
}

function manifestFields(json: Json): Manifest {
  const project = field.object(json, 'project');
  const createdBy = field.object(json, 'created_by');
  const files = field.object(json, 'files');
  const taskType = field.oneOf(project, 'task_type', Object.keys(TASK_TYPES) as TaskType[], 'project.task_type');
  return {
    project: projectFromJson({
      id: field.nonEmptyString(project, 'id', 'project.id'),
      name: field.anyString(project, 'name', 'project.name'),
      task_type: taskType,
      labels: labelDefs(project, taskType),
      instructions: field.anyString(project, 'instructions', 'project.instructions'),
      strategy: field.oneOf(project, 'strategy', SAMPLING_STRATEGIES, 'project.strategy'),
      allow_overlap: field.boolean(project, 'allow_overlap', 'project.allow_overlap'),
      // Another type's project has no use for a rubric, so it is not read.
      ...(taskType === 'compare' ? { rubric: parseRubric(field.object(project, 'rubric', 'project.rubric'), 'project.rubric') } : {}),
    }),
    createdBy: {
      id: field.nonEmptyString(createdBy, 'id', 'created_by.id'),
      name: field.anyString(createdBy, 'name', 'created_by.name'),
    },
    createdAt: Date.parse(field.isoTime(json, 'created_at')),
    files: new Map(Object.keys(files).map((name) => [name, fileEntry(field.object(files, name, `files["${name}"]`), name)])),
  };
}

function labelDefs(project: Json, taskType: TaskType): LabelDef[] {
  const labels = project.labels;
  if (!Array.isArray(labels)) throw new FieldProblem(`"project.labels" must be an array of labels, found ${describeValue(labels)}`);
  const defs = labels.map((label: unknown, i) => {
    const where = `project.labels[${i}]`;
    if (!isPlainObject(label)) throw new FieldProblem(`"${where}" must be a JSON object, found ${describeValue(label)}`, where);
    const def: LabelDef = {
      name: field.nonEmptyString(label, 'name', `${where}.name`),
      color: field.nonEmptyString(label, 'color', `${where}.color`),
      hotkey: field.nonEmptyString(label, 'hotkey', `${where}.hotkey`),
    };
    if (Object.hasOwn(label, 'description')) def.description = field.anyString(label, 'description', `${where}.description`);
    return def;
  });
  // The same rules as a label set typed into the New project form: the annotate screen relies on them. A compare
  // project asks its rubric's questions instead, and needs no label.
  if (taskType === 'compare') return defs;
  const [problem] = labelSetProblems(defs);
  if (problem !== undefined) {
    const path = problem.index === null ? 'project.labels' : `project.labels[${problem.index}].${problem.field}`;
    throw new FieldProblem(`"${path}": ${problem.message}`, path);
  }
  return defs;
}

function fileEntry(json: Json, name: string): BundleFileEntry {
  const label = (key: string) => `files["${name}"].${key}`;
  const sha256 = field.nonEmptyString(json, 'sha256', label('sha256'));
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new FieldProblem(`"${label('sha256')}" must be 64 lower-case hex digits`);
  const entry: BundleFileEntry = { sha256, bytes: field.nonNegativeInteger(json, 'bytes', label('bytes')) };
  if (Object.hasOwn(json, 'count')) entry.count = field.nonNegativeInteger(json, 'count', label('count'));
  return entry;
}

/**
 * One line of tasks.jsonl, already parsed as a JSON object. Id and text follow the rules of task import; a task of a
 * compare project holds its conversation and responses, which another project's task has no use for (not read).
 */
export function parseTask(json: Json, taskType: TaskType): BundleTask {
  const id = field.nonEmptyString(json, 'id');
  if (!isNonBlankString(id)) throw new FieldProblem('"id" must hold more than spaces', 'id');
  const text = field.anyString(json, 'text');
  if (!isNonBlankString(text)) throw new FieldProblem(`"text" is empty: a task needs a text to label`, 'text');
  const task: BundleTask = { id, seq: field.nonNegativeInteger(json, 'seq'), text, meta: field.object(json, 'meta') };
  if (taskType === 'compare') task.compare = parseCompareContent(field.object(json, 'compare'), 'compare');
  return task;
}

/** A field problem of the manifest, with the line the field is on (the manifest is pretty-printed). */
function inManifest<T>(where: string, text: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    const line = error.field === null ? null : lineOfJsonPath(text, parseFieldPath(error.field));
    throw new FileFormatError(`${where}: ${MANIFEST}`, line, error.message);
  }
}
