// A project's settings that its sessions follow while it is open: for now, a compare project's hidden share (the
// anchoring check). A change applies to the tasks not yet decided: the annotate session reads the rubric each time it
// prepares a task, and is asked to prepare the next one again; decisions made keep what they were made with.
import { saveHiddenSuggestionShare, storedRubric } from '../db/project-rubric';
import type { FieldlabelDb } from '../db/database';
import type { ProjectRow } from '../db/rows';

export class ProjectSettings {
  /** The share of tasks whose suggestion is hidden, 0 for a project that hides none. */
  hiddenShare = $state(0);
  message = $state<string | null>(null);
  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly changed: () => void;

  /** `project`: the row the sessions share, kept up to date here; `changed`: after a change is stored. */
  constructor(db: FieldlabelDb, project: ProjectRow, changed: () => void) {
    this.db = db;
    this.project = project;
    this.changed = changed;
    this.hiddenShare = project.rubric?.hiddenSuggestionShare ?? 0;
  }

  /** Stores the share (0–0.5), then the sessions follow it. */
  async setHiddenShare(share: number): Promise<void> {
    try {
      this.project.rubric = await saveHiddenSuggestionShare(this.db, this.project.id, share);
      this.hiddenShare = share;
      this.message = `Saved: the suggestion is now hidden on ${Math.round(share * 100)} % of the tasks you have not judged yet.`;
      this.changed();
    } catch (error) {
      this.message = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Reads the settings again, as another tab may have changed them. */
  async reload(): Promise<void> {
    const rubric = await storedRubric(this.db, this.project.id);
    if (rubric === null) return;
    this.project.rubric = rubric;
    this.hiddenShare = rubric.hiddenSuggestionShare;
  }
}
