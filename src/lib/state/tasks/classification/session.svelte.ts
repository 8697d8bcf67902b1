// Classification: one label per text (a label key labels and goes on) or several (keys toggle, Enter submits). The
// annotation's value is the chosen label names, in the project's label order for several.
import type { AnnotationRow, TaskRow } from '../../../db/rows';
import type { Suggestion } from '../../../model/api';
import { AnnotateSession } from '../../annotate-core.svelte';
import { fileOrModelSuggestion, type Advice, type Prepared } from '../../task-advice';

export class ClassificationSession extends AnnotateSession<never> {
  /** The labels chosen for the current task (multi label: toggled on, not yet submitted), or the suggestion's. */
  selection = $state<string[]>([]);

  private get several(): boolean {
    return this.project.taskType === 'multi';
  }

  protected override chooseLabel(label: string): Promise<void> {
    return this.several ? this.toggle(label) : this.commit('labelled', [label]);
  }

  private toggle(label: string): Promise<void> {
    return this.actions.run(async () => {
      if (!this.task) return;
      this.selection = this.selection.includes(label) ? this.selection.filter((l) => l !== label) : [...this.selection, label];
    });
  }

  protected override submit(): Promise<void> {
    if (this.several) {
      if (this.task && this.selection.length === 0) {
        this.notice = 'Choose at least one label, or skip the task.';
        return Promise.resolve();
      }
      const ordered = this.project.labels.map((l) => l.name).filter((n) => this.selection.includes(n));
      return this.commit('labelled', ordered);
    }
    // Single label: Enter confirms a task that already carries a label, else accepts the suggestion.
    if (this.annotation?.status === 'labelled') {
      return this.actions.run(async () => {
        if (this.task) await this.advanceFrom(this.task);
      });
    }
    if (this.suggestion) return this.commit('labelled', this.suggestion.value);
    this.notice = 'No suggestion for this task yet: press a label key.';
    return Promise.resolve();
  }

  /** A file may pre-annotate a single-label task with several labels: the first is the suggestion. */
  protected override suggestionFor(task: TaskRow): Promise<Suggestion | null> {
    return fileOrModelSuggestion(task, this.prelabels, this.assistant, (value) => (this.several ? value : value.slice(0, 1)));
  }

  protected override taskShown(shown: Prepared<never>): void {
    this.selectStored(shown.annotation ?? null);
  }

  protected override lastTaskDecided(annotation: AnnotationRow | null): void {
    this.selectStored(annotation);
  }

  private selectStored(annotation: AnnotationRow | null): void {
    this.selection = annotation?.status === 'labelled' ? [...annotation.value] : [];
  }

  /** Pre-selects the suggestion only while the annotator has chosen nothing. */
  protected override adviceShown(_task: TaskRow, advice: Advice<never>): void {
    if (this.annotation?.status !== 'labelled' && advice.suggestion && this.selection.length === 0) {
      this.selection = [...advice.suggestion.value];
    }
  }

  protected override cleared(): void {
    this.selection = [];
  }
}
