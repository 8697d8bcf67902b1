// Every task type's annotate session, by the project's task type: one line a type. A type's folder (tasks/<type>/)
// holds its session; its view is registered beside it in ui/annotate/views.ts. A type without a line here cannot be
// annotated yet (CREATABLE_TASK_TYPES offers only types that can).
import type { FieldlabelDb } from '../../db/database';
import type { LocalAnnotator, ProjectRow } from '../../db/rows';
import type { TaskType } from '../../domain/types';
import type { AnnotateSession } from '../annotate-core.svelte';
import type { Assistant } from '../assistant';
import type { WriteOptions } from '../decisions';
import { ClassificationSession } from './classification/session.svelte';
import { CompareSession } from './compare/session.svelte';
import { SpanSession } from './spans/session.svelte';

export type SessionFactory<S extends AnnotateSession = AnnotateSession> = (
  db: FieldlabelDb,
  project: ProjectRow,
  annotator: LocalAnnotator,
  assistant: Assistant | null,
  options: WriteOptions,
) => S;

const classification: SessionFactory<ClassificationSession> = (...args) => new ClassificationSession(...args);
const spans: SessionFactory<SpanSession> = (...args) => new SpanSession(...args);
const compare: SessionFactory<CompareSession> = (...args) => new CompareSession(...args);

export const ANNOTATE_SESSIONS = {
  single: classification,
  multi: classification,
  spans,
  compare,
} satisfies Partial<Record<TaskType, SessionFactory>>;

export type AnnotatableType = keyof typeof ANNOTATE_SESSIONS;

/** The annotate session a project of this type gets. */
export type SessionOf<T extends AnnotatableType> = ReturnType<(typeof ANNOTATE_SESSIONS)[T]>;

export function canAnnotate(type: TaskType): type is AnnotatableType {
  return Object.hasOwn(ANNOTATE_SESSIONS, type);
}

/** Throws for a type that has no annotate session yet: a project of it cannot be opened in this version. */
export function createAnnotateSession(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null, options: WriteOptions = {}): AnnotateSession {
  const type = project.taskType;
  if (!canAnnotate(type)) throw new Error(`Projects of type "${type}" cannot be annotated in this version of fieldlabel.`);
  const factory: SessionFactory = ANNOTATE_SESSIONS[type];
  return factory(db, project, annotator, assistant, options);
}
