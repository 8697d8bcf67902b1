import type { ProjectRow } from '../../lib/db/rows';
import type { AnnotateSession } from '../../lib/state/annotate-core.svelte';
import type { ProjectLock } from '../../lib/state/project-lock.svelte';

/** What every task type's annotate view gets (see views.ts). */
export interface AnnotateViewProps<S extends AnnotateSession = AnnotateSession> {
  project: ProjectRow;
  session: S;
  /** Whether this tab labels the project, or another tab does. */
  lock: ProjectLock;
}
