// Field checks for the JSON we read back from other devices. Every message names the field and says what was
// expected and what was found, because the person reading it has only the file and a text editor.
import { describeValue, isPlainObject } from '../formats/values';

/** A field is missing or has the wrong kind of value; the caller adds the file name and line. */
export class FieldProblem extends Error {
  /** The field's path as messages name it ("project.labels[1].name"), so a reader can find its line. */
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'FieldProblem';
    this.field = field;
  }
}

type Json = Record<string, unknown>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** `label` is how the field is named in messages, e.g. "annotator.id" for a nested one. */
function field<T>(json: Json, name: string, expected: string, accept: (value: unknown) => value is T, label = name): T {
  if (!Object.hasOwn(json, name)) throw new FieldProblem(`missing "${label}" (expected ${expected})`, label);
  const value = json[name];
  if (!accept(value)) throw new FieldProblem(`"${label}" must be ${expected}, found ${describeValue(value)}`, label);
  return value;
}

export function nonEmptyString(json: Json, name: string, label?: string): string {
  return field(json, name, 'a non-empty string', (v): v is string => typeof v === 'string' && v !== '', label);
}

export function anyString(json: Json, name: string, label?: string): string {
  return field(json, name, 'a string', (v): v is string => typeof v === 'string', label);
}

export function boolean(json: Json, name: string, label?: string): boolean {
  return field(json, name, 'true or false', (v): v is boolean => typeof v === 'boolean', label);
}

export function nonNegativeInteger(json: Json, name: string, label?: string): number {
  return field(json, name, 'a non-negative integer', (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0, label);
}

export function positiveInteger(json: Json, name: string): number {
  return field(json, name, 'a positive integer', (v): v is number => Number.isSafeInteger(v) && (v as number) > 0);
}

export function nullableNonNegativeInteger(json: Json, name: string): number | null {
  return field(json, name, 'a non-negative integer or null', (v): v is number | null => v === null || (Number.isSafeInteger(v) && (v as number) >= 0));
}

/** ISO 8601 with a time zone, as toISOString writes it; anything Date.parse might guess at is refused. */
export function isoTime(json: Json, name: string): string {
  return field(json, name, 'an ISO 8601 time like "2024-05-01T09:30:00.000Z"', (v): v is string => typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)));
}

export function oneOf<T extends string>(json: Json, name: string, options: readonly T[], label?: string): T {
  // Checked before the message is built: a merge checks millions of these, nearly all of them fine.
  const value = json[name];
  if ((options as readonly unknown[]).includes(value) && Object.hasOwn(json, name)) return value as T;
  const quoted = options.map((o) => `"${o}"`);
  const expected = quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return field(json, name, expected, (v): v is T => (options as readonly unknown[]).includes(v), label);
}

export function stringArray(json: Json, name: string, label?: string): string[] {
  return field(json, name, 'an array of strings', (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'), label);
}

export function share(json: Json, name: string, label?: string): number {
  return field(json, name, 'a number from 0 to 1', (v): v is number => typeof v === 'number' && v >= 0 && v <= 1, label);
}

export function object(json: Json, name: string, label?: string): Json {
  return field(json, name, 'a JSON object', isPlainObject, label);
}
