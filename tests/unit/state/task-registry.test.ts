// A task type is a module: one line in the session registry, one in the view registry. Every type a new project can
// be made with must have both, and a project opens in its own type's session.
import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { CREATABLE_TASK_TYPES, TASK_TYPES } from '../../../src/lib/domain/task-types';
import type { TaskType } from '../../../src/lib/domain/types';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { CompareSession } from '../../../src/lib/state/tasks/compare/session.svelte';
import { canAnnotate, createAnnotateSession } from '../../../src/lib/state/tasks/registry';
import { SpanSession } from '../../../src/lib/state/tasks/spans/session.svelte';
import { annotateViewFor } from '../../../src/ui/annotate/views';
import ClassificationView from '../../../src/ui/annotate/classification/ClassificationView.svelte';
import CompareView from '../../../src/ui/annotate/compare/CompareView.svelte';
import SpanView from '../../../src/ui/annotate/spans/SpanView.svelte';
import { freshDb, makeProject } from '../support/factories';

describe('the task type registries', () => {
  it('give every type a new project can have an annotate session and a view', () => {
    for (const type of CREATABLE_TASK_TYPES) {
      expect(canAnnotate(type), type).toBe(true);
      expect(annotateViewFor(type), type).not.toBeNull();
    }
  });

  it('pair each type with its own session and view', async () => {
    const db = freshDb();
    const annotator = await getOrCreateLocalAnnotator(db);
    const expected = {
      single: [ClassificationSession, ClassificationView],
      multi: [ClassificationSession, ClassificationView],
      spans: [SpanSession, SpanView],
      compare: [CompareSession, CompareView],
    } as const;
    for (const [type, [session, view]] of Object.entries(expected)) {
      const project = await makeProject(db, { taskType: type as keyof typeof expected, labels: 'A\nB' });
      expect(createAnnotateSession(db, project, annotator), type).toBeInstanceOf(session);
      expect(annotateViewFor(project.taskType), type).toBe(view);
    }
  });

  it('have no session or view for a type this version does not have', async () => {
    const type = 'audio-clips' as TaskType;
    const db = freshDb();
    const project = { ...(await makeProject(db)), taskType: type };
    expect(canAnnotate(type)).toBe(false);
    expect(annotateViewFor(type)).toBeNull();
    expect(() => createAnnotateSession(db, project, { id: 'a', name: 'A' } as never)).toThrow(`Projects of type "${type}" cannot be annotated in this version of fieldlabel.`);
  });

  it('give every type of this version both lines', () => {
    for (const type of Object.keys(TASK_TYPES) as TaskType[]) {
      expect(canAnnotate(type), type).toBe(true);
      expect(annotateViewFor(type), type).not.toBeNull();
    }
  });
});
