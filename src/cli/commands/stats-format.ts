// The tables `fieldlabel stats` prints for the person at the terminal.

/** Columns padded to their widest cell: text left, numbers right. */
export function formatTable(rows: readonly string[][]): string {
  const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((row) => (row[c] as string).length)));
  const cell = (text: string, c: number) => (c > 0 && /^[-\d.]+$/.test(text) ? text.padStart(widths[c] as number) : text.padEnd(widths[c] as number));
  return rows.map((row) => `  ${row.map(cell).join('  ').trimEnd()}\n`).join('');
}

/** A figure to three places, "-" where it is undefined. */
export function figure(value: number | null): string {
  return value === null ? '-' : value.toFixed(3);
}
