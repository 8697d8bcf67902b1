// The Model screen's anchoring check: agreement with the model where its suggestion was hidden and where it was shown,
// for every annotator whose labels are on this device (their label files carry the suggestions) and all together.
import type { FieldlabelDb } from '../db/database';
import { projectAnnotations } from '../db/held';
import type { AnchoringByAnnotator } from '../learn/anchoring';
import { anchoringOfAnnotations } from '../sync/anchoring-decisions';

export class AnchoringCheck {
  report = $state.raw<AnchoringByAnnotator | null>(null);
  problem = $state<string | null>(null);
  /** This device's annotator, named as "you" in the table. */
  readonly annotatorId: string;
  private readonly db: FieldlabelDb;
  private readonly projectId: string;

  constructor(db: FieldlabelDb, projectId: string, annotatorId: string) {
    this.db = db;
    this.projectId = projectId;
    this.annotatorId = annotatorId;
  }

  /** Counts the labels afresh (the screen asks each time it is shown). */
  async load(): Promise<void> {
    try {
      this.report = anchoringOfAnnotations(await projectAnnotations(this.db, this.projectId));
      this.problem = null;
    } catch (error) {
      this.problem = `Could not count the labels made with suggestions: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
