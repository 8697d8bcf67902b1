// The console view of a run: every figure, its target when it has one, and whether it meets it.
import type { Figures, Target } from './types';

function describe(target: Target): string {
  return 'atLeast' in target ? `≥ ${target.atLeast}` : `≤ ${target.atMost}`;
}

function meets(value: number, target: Target): boolean {
  return 'atLeast' in target ? value >= target.atLeast : value <= target.atMost;
}

export function formatTable(figures: Figures, targets: Record<string, Target>): string {
  const rows = Object.entries(figures).map(([key, value]) => {
    const target = targets[key];
    return [key, value.toLocaleString('en-US', { maximumFractionDigits: 3 }), target ? describe(target) : '', target ? (meets(value, target) ? 'ok' : 'MISSED') : ''];
  });
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
