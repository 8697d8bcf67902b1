// What task import refuses to hold, in one place. Each limit keeps a file that is not a task list (a data dump, a
// feature table, a file cut or joined wrongly) from exhausting the device, and gives the coordinator a line to look
// at instead; none is near what a real task needs.

import { FileFormatError } from './types';

/**
 * The longest record: a line, a CSV row or a JSON array element. A parser holds at most one record it has not
 * finished, so this also bounds what it holds while it waits for a line ending that may never come.
 */
export const MAX_RECORD_CHARS = 8_000_000;
/** The most columns a CSV or TSV header may name; each becomes a detail stored with every task. */
export const MAX_COLUMNS = 1000;
/**
 * How deep arrays and objects may nest in a record, the record itself being level 1. Storing a task (structured
 * clone) and exporting it (JSON.stringify) recurse once per level and run out of stack a few thousand levels down.
 */
export const MAX_NESTING_DEPTH = 64;
/** The longest id: ids are database keys and travel in every label file line. */
export const MAX_ID_LENGTH = 1024;

export function recordTooLong(fileName: string, line: number): FileFormatError {
  return new FileFormatError(
    fileName,
    line,
    `the task that starts on this line is longer than ${formatCount(MAX_RECORD_CHARS)} characters, the most one task may hold; split it into smaller tasks`,
  );
}

/** Whether `value`, level 1 if it is an array or object, holds arrays or objects more than `levels` levels deep. */
export function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) return value.some((item) => nestsDeeperThan(item, levels - 1));
  for (const key in value) {
    if (nestsDeeperThan((value as Record<string, unknown>)[key], levels - 1)) return true;
  }
  return false;
}

/** The problem of a record read from JSON that nests too deep, naming the field that does; null when it does not. */
export function describeDeepNesting(value: unknown): string | null {
  if (!nestsDeeperThan(value, MAX_NESTING_DEPTH)) return null;
  const tooDeep = `nested deeper than ${MAX_NESTING_DEPTH} levels; flatten it or leave it out`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `is ${tooDeep}`;
  const field = Object.keys(value).find((key) => nestsDeeperThan((value as Record<string, unknown>)[key], MAX_NESTING_DEPTH - 1));
  return `field "${field}" is ${tooDeep}`;
}

/** 50000 → "50,000": the same in every locale, as every message of the import is. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
