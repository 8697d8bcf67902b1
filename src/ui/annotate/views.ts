// Every task type's annotate view, by the project's task type: one line a type, beside its session in
// lib/state/tasks/registry.ts. A view gets the project, its type's session and the project lock (view-props.ts);
// each wraps AnnotateShell, which holds what every type's screen shares.
import type { Component } from 'svelte';
import type { TaskType } from '../../lib/domain/types';
import { canAnnotate, type AnnotatableType, type SessionOf } from '../../lib/state/tasks/registry';
import ClassificationView from './classification/ClassificationView.svelte';
import CompareView from './compare/CompareView.svelte';
import SpanView from './spans/SpanView.svelte';
import type { AnnotateViewProps } from './view-props';

const ANNOTATE_VIEWS: { [T in AnnotatableType]: Component<AnnotateViewProps<SessionOf<T>>> } = {
  single: ClassificationView,
  multi: ClassificationView,
  spans: SpanView,
  compare: CompareView,
};

/**
 * The view for a project's type. The session ProjectSessions made for the project comes from the same type's line
 * in the session registry, so the view and its session always match.
 */
export function annotateViewFor(type: TaskType): Component<AnnotateViewProps> | null {
  return canAnnotate(type) ? (ANNOTATE_VIEWS[type] as Component<AnnotateViewProps>) : null;
}
