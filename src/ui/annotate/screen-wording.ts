/** How an annotate screen names its work, in its progress line, its notes and its status line. */
export interface ScreenWording {
  /** A task with a decision: "12 / 40 labelled". */
  decided: string;
  /** What the annotator makes: "Export your labels". */
  decisions: string;
  /** What a task file holds: "Import a file of texts". */
  taskFile: string;
  /** What the annotator does: "to start labelling". */
  work: string;
}

export const LABELLING: ScreenWording = { decided: 'labelled', decisions: 'labels', taskFile: 'texts', work: 'labelling' };

export const COMPARING: ScreenWording = { decided: 'compared', decisions: 'judgements', taskFile: 'prompts and model responses', work: 'comparing' };

export function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
