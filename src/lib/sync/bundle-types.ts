// The project and its tasks as bundles and the device record carry them, in memory (camelCase) and on the wire
// (snake_case), and the only converters between the two shapes. Pure data.
import type { CompareContent, RatingItem, Rubric } from '../domain/compare';
import type { LabelDef, SamplingStrategy, TaskType } from '../domain/types';

export interface BundleProject {
  id: string;
  name: string;
  taskType: TaskType;
  labels: LabelDef[];
  instructions: string;
  strategy: SamplingStrategy;
  allowOverlap: boolean;
  /** Compare projects only. */
  rubric?: Rubric;
}

export interface BundleProjectJson {
  id: string;
  name: string;
  task_type: TaskType;
  labels: LabelDef[];
  instructions: string;
  strategy: SamplingStrategy;
  /**
   * Whether spans may overlap; false for projects that do not mark spans. Written for every project since bundle
   * version 2; absent in device records (storage/copy-format.ts) written before, which means false.
   */
  allow_overlap?: boolean;
  /** Compare projects only (bundle version 3 on). */
  rubric?: RubricJson;
}

export interface RubricJson {
  preference: boolean;
  ratings: RatingItem[];
  correction: boolean;
  rationale: boolean;
  hidden_suggestion_share: number;
}

/** A task as a bundle carries it: the database row without its import bookkeeping. */
export interface BundleTask {
  id: string;
  seq: number;
  text: string;
  meta: Record<string, unknown>;
  /** Compare tasks only: the conversation and the responses (on the wire as they are in memory). */
  compare?: CompareContent;
}

export function projectToJson(p: BundleProject): BundleProjectJson {
  const json: BundleProjectJson = {
    id: p.id,
    name: p.name,
    task_type: p.taskType,
    labels: p.labels,
    instructions: p.instructions,
    strategy: p.strategy,
    allow_overlap: p.allowOverlap,
  };
  if (p.rubric !== undefined) json.rubric = rubricToJson(p.rubric);
  return json;
}

export function projectFromJson(json: BundleProjectJson): BundleProject {
  const project: BundleProject = {
    id: json.id,
    name: json.name,
    taskType: json.task_type,
    labels: json.labels,
    instructions: json.instructions,
    strategy: json.strategy,
    allowOverlap: json.allow_overlap ?? false,
  };
  if (json.rubric !== undefined) project.rubric = rubricFromJson(json.rubric);
  return project;
}

export function rubricToJson(r: Rubric): RubricJson {
  return {
    preference: r.preference,
    ratings: r.ratings.map(({ name, scale, descriptions, required }) => ({ name, scale, descriptions, required })),
    correction: r.correction,
    rationale: r.rationale,
    hidden_suggestion_share: r.hiddenSuggestionShare,
  };
}

export function rubricFromJson(json: RubricJson): Rubric {
  return { preference: json.preference, ratings: json.ratings, correction: json.correction, rationale: json.rationale, hiddenSuggestionShare: json.hidden_suggestion_share };
}
