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
