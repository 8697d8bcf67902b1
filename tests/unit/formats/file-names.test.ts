import { describe, expect, it } from 'vitest';
import { exportFileName, fileNamePart } from '../../../src/lib/formats/file-names';

describe('export file names', () => {
  it('carry project, annotator and date in a form every file system accepts', () => {
    expect(exportFileName('Field reviews (2026)', 'Amina Ñúñez', new Date('2026-11-20T23:59:00Z'), 'jsonl')).toBe(
      'field-reviews-2026_amina-nunez_2026-11-20.jsonl',
    );
  });

  it('never produce an empty part', () => {
    expect(fileNamePart('日本語')).toBe('untitled');
    expect(fileNamePart('  --  ')).toBe('untitled');
  });
});
