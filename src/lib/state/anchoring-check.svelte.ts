// The Model screen's anchoring check: agreement with the model where its suggestion was hidden and where it was shown.
import type { FieldlabelDb } from '../db/database';
import { suggestedDecisions } from '../db/suggested-decisions';
import { anchoringReport, type AnchoringReport } from '../learn/anchoring';

export class AnchoringCheck {
  report = $state.raw<AnchoringReport | null>(null);
  problem = $state<string | null>(null);
  private readonly db: FieldlabelDb;
  private readonly projectId: string;
  private readonly annotatorId: string;

  constructor(db: FieldlabelDb, projectId: string, annotatorId: string) {
    this.db = db;
    this.projectId = projectId;
    this.annotatorId = annotatorId;
  }

  /** Counts the annotator's labels afresh (the screen asks each time it is shown). */
  async load(): Promise<void> {
    try {
      this.report = anchoringReport(await suggestedDecisions(this.db, this.projectId, this.annotatorId));
      this.problem = null;
    } catch (error) {
      this.problem = `Could not count the labels made with suggestions: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
