// One argument parser for every fieldlabel command. A command declares its positionals and flags once; parsing,
// validation and the --help text all come from that declaration, so they cannot drift apart. Errors name the
// command, the flag and what was expected, because a person reading them has only the terminal.

export type FlagKind = 'string' | 'positive-int' | 'non-negative-int';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  /** Shown in help: `--seeds <n>`. */
  valueName: string;
  description: string;
  required?: boolean;
  /** Required, except when another flag has this value (`--text` is not needed with `--task compare`). */
  requiredUnless?: { flag: string; value: string };
  default?: string | number;
  /** A one-letter alias, e.g. `o` for `-o` beside `--out`. */
  short?: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  /** The last positional may take one or more values (`merge a.jsonl b.jsonl …`). */
  repeated?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  positionals: PositionalSpec[];
  flags: FlagSpec[];
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | number>;
  help: boolean;
}

/** A mistake in how the command was called: exit code 2, and the message says how to get help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const EXPECTED: Record<FlagKind, string> = {
  string: 'a value',
  'positive-int': 'a positive integer',
  'non-negative-int': 'a non-negative integer',
};

export function parseArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const flags = new Map<string, string | number>();
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const given = argv[i] as string;
    const alias = /^-[a-zA-Z]$/.test(given) ? spec.flags.find((f) => f.short === given.slice(1)) : undefined;
    const arg = alias ? `--${alias.name}` : given;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = spec.flags.find((f) => f.name === name);
    if (!flag) throw new UsageError(`${spec.name}: unknown flag --${name} (run "fieldlabel ${spec.name} --help" for the list)`);
    let raw: string | undefined;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) raw = argv[++i];
    flags.set(name, parseValue(spec, flag, raw));
  }
  if (help) return { positionals, flags, help };

  if (positionals.length < spec.positionals.length) {
    const missing = spec.positionals[positionals.length] as PositionalSpec;
    throw new UsageError(`${spec.name}: missing <${missing.name}> (${missing.description})`);
  }
  if (positionals.length > spec.positionals.length && !spec.positionals.at(-1)?.repeated) {
    throw new UsageError(`${spec.name}: unexpected argument "${positionals[spec.positionals.length]}"`);
  }
  for (const flag of spec.flags) {
    if (flags.has(flag.name)) continue;
    const exempt = flag.requiredUnless !== undefined && flags.get(flag.requiredUnless.flag) === flag.requiredUnless.value;
    if (flag.required && !exempt) throw new UsageError(`${spec.name}: --${flag.name} is required (${flag.description.toLowerCase()})`);
    if (flag.default !== undefined) flags.set(flag.name, flag.default);
  }
  return { positionals, flags, help };
}

function parseValue(spec: CommandSpec, flag: FlagSpec, raw: string | undefined): string | number {
  const expected = `--${flag.name} expects ${EXPECTED[flag.kind]}`;
  if (raw === undefined || raw === '') throw new UsageError(`${spec.name}: ${expected}, got nothing`);
  if (flag.kind === 'string') return raw;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || (flag.kind === 'positive-int' && value === 0)) {
    throw new UsageError(`${spec.name}: ${expected}, got "${raw}"`);
  }
  return value;
}

export function commandHelp(spec: CommandSpec): string {
  const usage = [`fieldlabel ${spec.name}`, ...spec.positionals.map((p) => `<${p.name}${p.repeated ? '...' : ''}>`)];
  for (const flag of spec.flags) usage.push(flag.required ? `--${flag.name} <${flag.valueName}>` : `[--${flag.name} <${flag.valueName}>]`);
  const width = Math.max(...spec.flags.map((f) => f.name.length + f.valueName.length + 5), ...spec.positionals.map((p) => p.name.length + 2));
  const lines = [`${spec.summary}`, '', `Usage: ${usage.join(' ')}`, ''];
  for (const p of spec.positionals) lines.push(`  ${`<${p.name}>`.padEnd(width)}  ${p.description}`);
  for (const f of spec.flags) {
    const unless = f.requiredUnless ? ` unless --${f.requiredUnless.flag} ${f.requiredUnless.value}` : '';
    const suffix = f.default !== undefined ? ` (default: ${f.default})` : f.required ? ` (required${unless})` : '';
    lines.push(`  ${`--${f.name} <${f.valueName}>`.padEnd(width)}  ${f.description}${suffix}`);
  }
  return `${lines.join('\n')}\n`;
}
