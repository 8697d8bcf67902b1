import { describe, expect, it } from 'vitest';
import { lineOfJsonPath, parseFieldPath } from '../../../src/lib/formats/json-path-line';

const manifest = JSON.stringify(
  {
    type: 'fieldlabel.bundle',
    project: { id: 'p', labels: [{ name: 'Yes', hotkey: '1' }, { name: 'a "quoted" [name]', hotkey: '2' }, { name: 'yes', hotkey: '3' }], tags: [1, true, null] },
    files: { 'tasks.jsonl': { bytes: 3 }, 'model/a.json': { bytes: 4 } },
  },
  null,
  2,
);

/** The line a scan by hand gives: the first line holding `needle` after line `after`. */
function lineOf(needle: string, after = 0): number {
  const lines = manifest.split('\n');
  return lines.findIndex((l, i) => i >= after && l.includes(needle)) + 1;
}

describe('lineOfJsonPath', () => {
  it('finds nested fields of objects and arrays, past strings holding brackets and quotes', () => {
    expect(lineOfJsonPath(manifest, ['type'])).toBe(2);
    expect(lineOfJsonPath(manifest, parseFieldPath('project.labels[2].name'))).toBe(lineOf('"name": "yes"'));
    expect(lineOfJsonPath(manifest, parseFieldPath('project.labels[1].hotkey'))).toBe(lineOf('"hotkey": "2"'));
    expect(lineOfJsonPath(manifest, parseFieldPath('project.tags[2]'))).toBe(lineOf('null'));
    expect(lineOfJsonPath(manifest, parseFieldPath('files["model/a.json"].bytes'))).toBe(lineOf('"bytes": 4'));
  });

  it('points a missing field at the object that lacks it', () => {
    expect(lineOfJsonPath(manifest, parseFieldPath('project.labels[0].color'))).toBe(lineOf('{', lineOf('"labels"')));
    expect(lineOfJsonPath(manifest, parseFieldPath('created_by.id'))).toBe(1);
  });

  it('counts a CRLF as one line break', () => {
    expect(lineOfJsonPath('{\r\n"a": 1,\r\n\r\n"b": {"c": 2}}', ['b', 'c'])).toBe(4);
  });
});
