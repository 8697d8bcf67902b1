// Numbers as people read them in the UI.

// One formatter for every count: toLocaleString builds a new one per call, which the annotate screen felt per key.
const counts = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return counts.format(n);
}

export { formatBytes as bytes } from '../../lib/units';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function relativeTime(then: number, now = Date.now()): string {
  const minutes = Math.round((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** What sync keeps apart, as every summary says it: "1,000 annotations for 1,000 tasks this project does not have". */
export function keptApart(annotations: number, tasks: number): string {
  return `${plural(annotations, 'annotation')} for ${plural(tasks, 'task')} this project does not have`;
}

/** A share as a whole percentage, or a dash when there is none yet. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}
