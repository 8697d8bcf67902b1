// What a bundle may say of a compare project (its rubric) and of a compare task (its conversation and responses).
// Everything here reaches the annotate screen, so a hostile bundle is refused field by field: sizes, counts, roles
// and kinds of value, each message naming the field as "compare.responses[1].text" or "project.rubric.ratings[0]".
import { MAX_RESPONSES, MIN_RESPONSES, type ChatMessage, type ChatRole, type CompareContent, type ModelResponse, type RatingItem } from '../domain/compare';
import { describeValue, isPlainObject } from '../formats/values';
import * as field from './fields';
import { FieldProblem } from './fields';
import type { RubricJson } from './bundle-types';

type Json = Record<string, unknown>;

/**
 * Far above what a person judges (a 2,000-word answer is ~12,000 characters), far below what would stall a page.
 * A conversation of more turns than `messages` is cut by whoever made the file, not by us.
 */
export const COMPARE_LIMITS = {
  messages: 200,
  contentChars: 200_000,
  idChars: 200,
  ratingItems: 20,
  ratingScale: 10,
  nameChars: 200,
  descriptionChars: 2_000,
};

/** Every role, checked by the compiler against ChatRole: a role added there must be added here. */
const ROLES: Record<ChatRole, true> = { system: true, user: true, assistant: true, tool: true };

export function parseCompareContent(json: Json, path: string): CompareContent {
  const messages = list(json, 'messages', `${path}.messages`, 0, COMPARE_LIMITS.messages).map((item, i) => message(item, `${path}.messages[${i}]`));
  const responses = list(json, 'responses', `${path}.responses`, MIN_RESPONSES, MAX_RESPONSES).map((item, i) => response(item, `${path}.responses[${i}]`));
  const seen = new Set<string>();
  responses.forEach((r, i) => {
    if (seen.has(r.id)) throw new FieldProblem(`"${path}.responses[${i}].id" is "${r.id}" again: response ids must be unique within a task`, `${path}.responses[${i}].id`);
    seen.add(r.id);
  });
  return { messages, responses };
}

export function parseRubric(json: Json, path: string): RubricJson {
  const names = new Set<string>();
  const ratings = list(json, 'ratings', `${path}.ratings`, 0, COMPARE_LIMITS.ratingItems).map((item, i) => {
    const rating = ratingItem(item, `${path}.ratings[${i}]`);
    if (names.has(rating.name)) throw new FieldProblem(`"${path}.ratings[${i}].name" is "${rating.name}" again: rating items need different names`, `${path}.ratings[${i}].name`);
    names.add(rating.name);
    return rating;
  });
  const share = json.hidden_suggestion_share;
  if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
    throw new FieldProblem(`"${path}.hidden_suggestion_share" must be a number from 0 to 1, found ${describeValue(share)}`, `${path}.hidden_suggestion_share`);
  }
  return {
    preference: field.boolean(json, 'preference', `${path}.preference`),
    ratings,
    correction: field.boolean(json, 'correction', `${path}.correction`),
    rationale: field.boolean(json, 'rationale', `${path}.rationale`),
    hidden_suggestion_share: share,
  };
}

function message(item: unknown, path: string): ChatMessage {
  const json = object(item, path);
  const role = field.oneOf(json, 'role', Object.keys(ROLES) as ChatRole[], `${path}.role`);
  return { role, content: text(json, 'content', path, COMPARE_LIMITS.contentChars, false) };
}

function response(item: unknown, path: string): ModelResponse {
  const json = object(item, path);
  const out: ModelResponse = { id: text(json, 'id', path, COMPARE_LIMITS.idChars, true), text: text(json, 'text', path, COMPARE_LIMITS.contentChars, false) };
  if (Object.hasOwn(json, 'model')) out.model = text(json, 'model', path, COMPARE_LIMITS.nameChars, false);
  return out;
}

function ratingItem(item: unknown, path: string): RatingItem {
  const json = object(item, path);
  const name = text(json, 'name', path, COMPARE_LIMITS.nameChars, true);
  const scale = json.scale;
  if (!Number.isInteger(scale) || (scale as number) < 2 || (scale as number) > COMPARE_LIMITS.ratingScale) {
    throw new FieldProblem(`"${path}.scale" must be a whole number from 2 to ${COMPARE_LIMITS.ratingScale}, found ${describeValue(scale)}`, `${path}.scale`);
  }
  const descriptions = field.stringArray(json, 'descriptions', `${path}.descriptions`);
  if (descriptions.length !== scale) {
    throw new FieldProblem(`"${path}.descriptions" must describe each value 1 to ${scale as number}, one string each; found ${descriptions.length}`, `${path}.descriptions`);
  }
  const long = descriptions.findIndex((d) => d.length > COMPARE_LIMITS.descriptionChars);
  if (long >= 0) throw new FieldProblem(`"${path}.descriptions[${long}]" is longer than ${COMPARE_LIMITS.descriptionChars} characters`, `${path}.descriptions[${long}]`);
  return { name, scale: scale as number, descriptions, required: field.boolean(json, 'required', `${path}.required`) };
}

function list(json: Json, name: string, path: string, min: number, max: number): unknown[] {
  if (!Object.hasOwn(json, name)) throw new FieldProblem(`missing "${path}" (expected an array)`, path);
  const value = json[name];
  if (!Array.isArray(value)) throw new FieldProblem(`"${path}" must be an array, found ${describeValue(value)}`, path);
  if (value.length < min || value.length > max) {
    const expected = min === max ? `${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
    throw new FieldProblem(`"${path}" must hold ${expected} items, found ${value.length}`, path);
  }
  return value;
}

function object(item: unknown, path: string): Json {
  if (!isPlainObject(item)) throw new FieldProblem(`"${path}" must be a JSON object, found ${describeValue(item)}`, path);
  return item;
}

function text(json: Json, name: string, path: string, maxChars: number, nonEmpty: boolean): string {
  const label = `${path}.${name}`;
  const value = nonEmpty ? field.nonEmptyString(json, name, label) : field.anyString(json, name, label);
  if (value.length > maxChars) throw new FieldProblem(`"${label}" is ${value.length.toLocaleString('en-US')} characters long, more than ${maxChars.toLocaleString('en-US')}`, label);
  return value;
}
