import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type CommandSpec } from '../../../src/cli/args';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'A demo command.',
  positionals: [{ name: 'file', description: 'input file' }],
  flags: [
    { name: 'count', kind: 'positive-int', valueName: 'n', description: 'How many', default: 3 },
    { name: 'skip', kind: 'non-negative-int', valueName: 'n', description: 'How many to skip' },
    { name: 'name', kind: 'string', valueName: 'text', description: 'A name' },
  ],
};

describe('parseArgs', () => {
  it('reads positionals, "--flag value" and "--flag=value", and fills defaults', () => {
    const args = parseArgs(spec, ['in.txt', '--skip', '0', '--name=x=y']);
    expect(args.positionals).toEqual(['in.txt']);
    expect(Object.fromEntries(args.flags)).toEqual({ skip: 0, name: 'x=y', count: 3 });
  });

  it('accepts --help anywhere without checking the rest', () => {
    expect(parseArgs(spec, ['--help']).help).toBe(true);
  });

  it('rejects a negative number with the flag named', () => {
    expect(() => parseArgs(spec, ['in.txt', '--skip', '-1'])).toThrow(new UsageError('demo: --skip expects a non-negative integer, got "-1"'));
    expect(() => parseArgs(spec, ['in.txt', '--skip=-1'])).toThrow(new UsageError('demo: --skip expects a non-negative integer, got "-1"'));
  });
});
