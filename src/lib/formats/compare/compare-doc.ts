// The in-memory model every compare-responses format (TRL, OpenAI, Label Studio pairwise, plain response files, our
// own compare JSONL) is read into and written from: a task's conversation and responses, the people's judgements of
// it, and a model judge's verdict. Pure: no DOM, no Dexie.

import type { ChatMessage, CompareContent, Judgement, Rubric } from '../../domain/compare';
import { taskContentKey } from '../tasks';

/** One person's judgement of a task, as a file or the project holds it. */
export interface CompareJudgementRecord {
  /** The annotator's name (a file's annotator is named after the file when it names nobody). */
  annotator: string;
  status: 'labelled' | 'skipped';
  /** Null when skipped. */
  judgement: Judgement | null;
  /** Milliseconds since 1970, when the file says. */
  createdAt: number | null;
  updatedAt: number | null;
  /** What the model suggested when the person judged, and whether they took it. */
  /** `hidden`: the suggestion was kept from the annotator (the anchoring check's seeded share). */
  suggestion: { judgement: Judgement; confidence: number; modelVersion: string; hidden?: true } | null;
  suggestionOutcome: 'accepted' | 'changed' | 'ignored' | null;
}

/** A model's verdict on a task (an "LLM judge" field, a Label Studio prediction): a suggestion, never a label. */
export interface CompareVerdict {
  judgement: Judgement;
  score: number | null;
  /** Which judge said it, when the file says (a model name or version). */
  source: string | null;
}

export interface CompareDoc {
  /** The file's id for the task, else null (the task is then keyed by a hash of its content). */
  id: string | null;
  /** The line of the file the task starts on (1-based), null when it was not read from a file. */
  line: number | null;
  content: CompareContent;
  /** Every field the format does not map onto the model. */
  meta: Record<string, unknown>;
  judgements: CompareJudgementRecord[];
  verdict: CompareVerdict | null;
}

/** What a compare file holds beside its tasks: the rubric our own files carry, and notes on what was left out. */
export interface CompareFile {
  fileName: string;
  docs: CompareDoc[];
  /** The rubric the file names (our compare JSONL), or null. */
  rubric: Rubric | null;
  notes: string[];
}

/** A plain prompt is one user message: formats that have a standard (string) form write it as a string. */
export function isPlainPrompt(messages: readonly ChatMessage[]): boolean {
  return messages.length === 1 && messages[0]?.role === 'user';
}

/** The prompt as one string (a task's `text`: search, features, exports): a plain prompt as is, else each turn named. */
export function promptText(messages: readonly ChatMessage[]): string {
  if (messages.length === 1) return (messages[0] as ChatMessage).content;
  return messages.map((message) => `${message.role}: ${message.content}`).join('\n\n');
}

/** The task id a document is stored under: the file's, else a hash of the conversation and the responses. */
export function compareTaskId(doc: Pick<CompareDoc, 'id' | 'content'>): string {
  return doc.id ?? taskContentKey(JSON.stringify([doc.content.messages, doc.content.responses.map((response) => response.text)]));
}

/** "a", "b", … for responses the file gives no id. */
export function responseLetterId(index: number): string {
  return String.fromCharCode(97 + index);
}

/** The annotator a file that names nobody is credited to: its name without folders and extensions ("ultra.prefs"). */
export function fileAnnotatorName(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const name = base.replace(/\.(jsonl|ndjson|json)$/i, '');
  return name === '' ? base : name;
}

/** A judgement with only a preference, as a file that records nothing else (TRL, a judge, Label Studio) gives it. */
export function preferenceOnly(shown: string[], preference: Judgement['preference']): Judgement {
  return { shown, preference, ratings: {}, correction: null, rationale: '' };
}

export function importedJudgement(annotator: string, judgement: Judgement): CompareJudgementRecord {
  return { annotator, status: 'labelled', judgement, createdAt: null, updatedAt: null, suggestion: null, suggestionOutcome: null };
}
