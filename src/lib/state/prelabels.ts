import type { FieldlabelDb } from '../db/database';
import { getPrelabel, hasPrelabels } from '../db/spans';
import type { PrelabelRow } from '../db/rows';

/**
 * The pre-annotations that imported files brought, task by task. Most projects have none; then no task pays for a
 * read. A read per task, beside the label's own transaction, put about 4 ms on the keypress → paint p95 of a
 * 100k-task project (bench, side by side).
 */
export class Prelabels {
  /** Once checked, whether there are any; null before. */
  private exist: boolean | null = null;
  private checking: Promise<boolean> | null = null;
  private readonly db: FieldlabelDb;
  private readonly projectId: string;

  constructor(db: FieldlabelDb, projectId: string) {
    this.db = db;
    this.projectId = projectId;
  }

  /** Checks (again: files may have been imported since) whether the project has any; `of` waits for the check. */
  load(): Promise<boolean> {
    this.exist = null;
    // A failed check reads anyway: a missed suggestion costs more than a read.
    const checking = hasPrelabels(this.db, this.projectId)
      .catch(() => true)
      .then((exist) => {
        if (this.checking === checking) this.exist = exist;
        return exist;
      });
    this.checking = checking;
    return checking;
  }

  of(taskId: string): Promise<PrelabelRow | undefined> {
    if (this.exist === null) return (this.checking ?? this.load()).then(() => this.of(taskId));
    return this.exist ? getPrelabel(this.db, this.projectId, taskId) : Promise.resolve(undefined);
  }
}
