// What the worker's open project asks of its learner, whatever the task type: ProjectLearner (classification,
// and span projects' task order) and CompareLearner (the reward model) both answer it.
import type { AnnotationStatus, SamplingStrategy } from '../db/rows';
import type { ConfidenceReport } from '../learn/confidence-tracker';
import type { Suggestion } from './api';

export interface TaskLearner {
  readonly size: number;
  readonly humanLabels: number;
  /** How many human labels the model was last trained on: behind humanLabels while a retrain waits. */
  readonly learnedFrom: number;
  version: number;
  curve: [number, number][];
  estimatedAccuracy: number | null;
  /** `suggested`: decided with a suggestion in front of the annotator, whose confidence is then judged. */
  record(taskId: string, value: string[], status: AnnotationStatus, suggested?: boolean): void;
  /** How the confidence shown with suggestions fared against the annotator's decisions. */
  confidenceReport(): ConfidenceReport;
  train(strategy: SamplingStrategy): void;
  rank(strategy: SamplingStrategy): void;
  next(afterSeq: number, count: number): number[];
  suggest(taskId: string, modelName: string): Suggestion | null;
  useDense(dims: number | null, taskVectors: Map<string, Float32Array>, labelVectors: Float32Array[]): void;
  setDense(taskId: string, vector: Float32Array): void;
}
