import type { LabelDef } from '../domain/types';
import { quoteForMessage as quote } from '../formats/values';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. Names always accompany the colour. */
export const LABEL_PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];

export const MAX_LABEL_NAME_LENGTH = 60;

/** Keys the annotate screen already uses for other actions, so no label may take them. */
const RESERVED_KEYS = new Map([
  ['s', 'S skips a task'],
  ['z', 'Ctrl+Z undoes'],
  [' ', 'Space skips a task'],
]);

/** The annotate screens compare a key press, lower-cased, with the hotkey: anything else could never be pressed. */
const HOTKEY = /^[0-9a-z]$/;

/** A colour goes into a style attribute: only a plain hex colour can never carry anything else into it. */
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;

/** The palette's grey. */
const UNCHECKED_COLOUR_SHOWN = LABEL_PALETTE[7] as string;

/**
 * The colour a label is drawn in, by the rule its set was checked with. A project stored before bundles' colours
 * were checked may hold anything (`red;background-image:url(…)`), and so may what the device record restores from
 * it: such a colour is never drawn, the label shows grey beside its name.
 */
export function labelColourShown(color: string | undefined): string {
  return color !== undefined && HEX_COLOUR.test(color) ? color : UNCHECKED_COLOUR_SHOWN;
}

export interface LabelRuleProblem {
  /** The label's index in the set; null for a problem of the set as a whole. */
  index: number | null;
  field: 'name' | 'hotkey' | 'color' | null;
  message: string;
}

/**
 * Every rule a project's label set obeys, whoever made it — typed into the New project form or read from a bundle.
 * The annotate screen keys its label buttons by name and finds a label by its key, so a repeated name or key
 * breaks it. Problems come in label order.
 */
export function labelSetProblems(labels: readonly LabelDef[]): LabelRuleProblem[] {
  if (labels.length === 0) return [{ index: null, field: null, message: 'a project needs at least one label' }];
  const problems: LabelRuleProblem[] = [];
  const names = new Map<string, string>();
  const keys = new Map<string, string>();
  labels.forEach((label, index) => {
    const problem = (field: 'name' | 'hotkey' | 'color', message: string) => problems.push({ index, field, message });
    const { name, hotkey, color } = label;
    const folded = name.toLowerCase();
    if (!/\S/.test(name)) problem('name', 'a label needs a name');
    else if (name !== name.trim() || /[\r\n]/.test(name)) problem('name', `label ${quote(name)} must not start or end with spaces or hold a line break`);
    else if (name.length > MAX_LABEL_NAME_LENGTH) problem('name', `label "${name.slice(0, 20)}…" is longer than ${MAX_LABEL_NAME_LENGTH} characters`);
    else if (names.has(folded)) problem('name', `"${name}" repeats label "${names.get(folded)}": label names must differ, ignoring case`);
    else names.set(folded, name);

    const reserved = RESERVED_KEYS.get(hotkey);
    if (reserved !== undefined) problem('hotkey', `hotkey ${quote(hotkey)} is taken by the annotate screen (${reserved})`);
    else if (!HOTKEY.test(hotkey)) problem('hotkey', `a hotkey is one digit or lower-case letter, found ${quote(hotkey)}`);
    else if (keys.has(hotkey)) problem('hotkey', `hotkey "${hotkey}" is already the key of "${keys.get(hotkey)}"`);
    else keys.set(hotkey, name);

    if (!HEX_COLOUR.test(color)) problem('color', `a colour is a hex colour like "${LABEL_PALETTE[0]}", found ${quote(color)}`);
  });
  return problems;
}

export interface LabelSetProblem {
  line: number;
  message: string;
}

export type LabelSetResult = { ok: true; labels: LabelDef[] } | { ok: false; problems: LabelSetProblem[] };

/**
 * Reads the "Labels" text area: one label per line, optionally `Name: description` (the description later
 * seeds the model's zero-shot start). Blank lines are ignored. Hotkeys and colours are assigned here; the set is
 * then checked by the same rules as a bundle's.
 */
export function parseLabelLines(input: string): LabelSetResult {
  const problems: LabelSetProblem[] = [];
  const entries: { line: number; label: Omit<LabelDef, 'hotkey' | 'color'> }[] = [];
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const colon = trimmed.indexOf(':');
    const name = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim();
    const description = colon === -1 ? '' : trimmed.slice(colon + 1).trim();
    if (name === '') problems.push({ line, message: `line ${line}: a label needs a name before the colon` });
    else entries.push({ line, label: description === '' ? { name } : { name, description } });
  });
  const hotkeys = assignHotkeys(entries.map((e) => e.label.name));
  const labels = entries.map(({ label }, i) => ({
    ...label,
    color: LABEL_PALETTE[i % LABEL_PALETTE.length] as string,
    hotkey: hotkeys[i] ?? '',
  }));
  for (const problem of labelSetProblems(labels)) {
    // Keys run out only when there are too many labels: say that once, not once per label without a key.
    if (problem.field === 'hotkey' && hotkeys[problem.index as number] === null) continue;
    const line = problem.index === null ? null : (entries[problem.index] as { line: number }).line;
    problems.push(line === null ? { line: 1, message: `${problem.message}, one per line` } : { line, message: `line ${line}: ${problem.message}` });
  }
  if (problems.length === 0 && hotkeys.includes(null)) {
    problems.push({ line: 1, message: `too many labels: at most ${9 + 24} have a key of their own` });
  }
  return problems.length > 0 ? { ok: false, problems: problems.sort((a, b) => a.line - b.line) } : { ok: true, labels };
}

/** 1–9 first; after that each label gets the first free letter of its own name, else the first free letter. */
export function assignHotkeys(names: string[]): (string | null)[] {
  const taken = new Set<string>();
  return names.map((name, i) => {
    if (i < 9) {
      const key = String(i + 1);
      taken.add(key);
      return key;
    }
    const candidates = [...name.toLowerCase(), ...'abcdefghijklmnopqrstuvwxyz'];
    const key = candidates.find((c) => /^[a-z]$/.test(c) && !taken.has(c) && !RESERVED_KEYS.has(c)) ?? null;
    if (key !== null) taken.add(key);
    return key;
  });
}
