import type { LabelDef } from '../db/rows';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. Names always accompany the colour. */
export const LABEL_PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];

/** Keys the annotate screen already uses for other actions, so no label may take them. */
const RESERVED_KEYS = new Set(['s', 'z', ' ']);

export interface LabelSetProblem {
  line: number;
  message: string;
}

export type LabelSetResult = { ok: true; labels: LabelDef[] } | { ok: false; problems: LabelSetProblem[] };

/**
 * Reads the "Labels" text area: one label per line, optionally `Name: description` (the description later
 * seeds the model's zero-shot start). Blank lines are ignored.
 */
export function parseLabelLines(input: string): LabelSetResult {
  const problems: LabelSetProblem[] = [];
  const entries: { name: string; description?: string }[] = [];
  const seen = new Map<string, number>();
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const colon = trimmed.indexOf(':');
    const name = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim();
    const description = colon === -1 ? '' : trimmed.slice(colon + 1).trim();
    if (name === '') {
      problems.push({ line, message: `line ${line}: a label needs a name before the colon` });
      return;
    }
    if (name.length > 60) {
      problems.push({ line, message: `line ${line}: label "${name.slice(0, 20)}…" is longer than 60 characters` });
      return;
    }
    const folded = name.toLowerCase();
    const first = seen.get(folded);
    if (first !== undefined) {
      problems.push({ line, message: `line ${line}: "${name}" is already label ${first}` });
      return;
    }
    seen.set(folded, entries.length + 1);
    entries.push(description === '' ? { name } : { name, description });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (entries.length === 0) return { ok: false, problems: [{ line: 1, message: 'add at least one label, one per line' }] };
  const hotkeys = assignHotkeys(entries.map((e) => e.name));
  if (hotkeys.some((key) => key === null)) {
    return { ok: false, problems: [{ line: 1, message: `too many labels: at most ${9 + 24} have a key of their own` }] };
  }
  const labels = entries.map((entry, i) => ({
    ...entry,
    color: LABEL_PALETTE[i % LABEL_PALETTE.length] as string,
    hotkey: hotkeys[i] as string,
  }));
  return { ok: true, labels };
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
