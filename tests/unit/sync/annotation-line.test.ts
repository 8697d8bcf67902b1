// The merge's shortcut for canonical lines: it must take exactly the lines that are their own canonical form, and
// give what the full path gives for them; every other line must be left to the full path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAnnotationLine, lineOfAnnotation } from '../../../src/lib/sync/annotation-line';
import { parseAnnotation } from '../../../src/lib/sync/label-file-schema';
import { annotationLine } from '../../../src/lib/sync/label-file-write';
import type { LabelFileHeader, SyncAnnotation } from '../../../src/lib/sync/types';
import { annotationText, lineVariantArb, nameArb } from './line-variants';

const full: LabelFileHeader = {
  version: 1,
  projectId: 'p',
  annotator: { id: 'ann-a', name: 'A' },
  deviceId: 'd',
  createdAt: 0,
  scope: 'full',
  sinceRevision: null,
  count: 0,
  checksum: '',
};
const delta: LabelFileHeader = { ...full, scope: 'delta', sinceRevision: 5 };

const idArb = fc.oneof(fc.constantFrom('t1', 'ann-a', 'ann-a#review', 'ann-b', 'x"y', 'a\\b', '😀', 'é\u0001'), fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }));
const suggestionArb = fc.record(
  {
    value: fc.array(fc.oneof(fc.constantFrom('pos', 'neg'), fc.string({ maxLength: 4, unit: 'binary' })), { maxLength: 2 }),
    confidence: fc.oneof(fc.constantFrom(0, 1, 0.5, 1e-7, 0.1 + 0.2), fc.double({ min: 0, max: 1, noNaN: true })),
    modelVersion: fc.oneof(fc.constantFrom('head@3', ''), fc.string({ maxLength: 6, unit: 'binary' })),
    hidden: fc.constant(true as const),
  },
  { requiredKeys: ['value', 'confidence', 'modelVersion'] },
);
const annotationArb: fc.Arbitrary<SyncAnnotation> = fc.record(
  {
    projectId: fc.constant('p'),
    taskId: idArb,
    annotatorId: idArb,
    annotatorName: fc.oneof(nameArb, fc.string({ maxLength: 6, unit: 'binary' })),
    role: fc.constantFrom('label', 'review'),
    value: fc.array(fc.oneof(fc.constantFrom('pos', 'neg'), fc.string({ maxLength: 4, unit: 'binary' })), { maxLength: 3 }),
    status: fc.constantFrom('labelled', 'skipped', 'retracted'),
    createdAt: fc.integer({ min: 0, max: 253_402_300_799_999 }),
    updatedAt: fc.integer({ min: 0, max: 253_402_300_799_999 }),
    revision: fc.oneof(fc.nat(20), fc.constant(Number.MAX_SAFE_INTEGER)),
    deviceId: idArb,
    suggestion: suggestionArb,
  },
  { requiredKeys: ['projectId', 'taskId', 'annotatorId', 'annotatorName', 'role', 'value', 'status', 'createdAt', 'updatedAt', 'revision', 'deviceId'] },
);

/** The full path's verdict: the canonical line, or null where it refuses the line. */
function fullPath(text: string, header: LabelFileHeader): string | null {
  try {
    return lineOfAnnotation(parseAnnotation(JSON.parse(text) as Record<string, unknown>, header, 'f', 2)).text;
  } catch {
    return null;
  }
}

describe('canonical annotation lines', () => {
  it('takes every canonical line a full file can hold, as it stands', () => {
    fc.assert(
      fc.property(annotationArb, (a) => {
        const text = annotationLine(a).slice(0, -1);
        const fast = canonicalAnnotationLine(text, full);
        // Escapes (a quote, a backslash, a control character, a lone surrogate) and 16-digit revisions are left to
        // the full path.
        if (/\\/.test(text) || a.revision >= 1e15) expect(fast).toBeNull();
        else expect(fast).toEqual(lineOfAnnotation(a));
      }),
      { numRuns: 500 },
    );
  });

  it('takes a line only when the full path takes it and gives the same line, in full and delta files', () => {
    fc.assert(
      fc.property(annotationArb, lineVariantArb, fc.boolean(), (a, variant, isDelta) => {
        const header = isDelta ? delta : full;
        const text = annotationText(a, variant);
        const fast = canonicalAnnotationLine(text, header);
        if (fast !== null) expect(fast.text).toBe(fullPath(text, header));
        if (text !== annotationText(a, 'canonical')) expect(fast).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves times toISOString would not write to the full path', () => {
    const a = annotationLine({ projectId: 'p', taskId: 't', annotatorId: 'ann-a', annotatorName: '', role: 'label', value: [], status: 'skipped', createdAt: 0, updatedAt: 0, revision: 1, deviceId: 'd' }).slice(0, -1);
    for (const time of ['2026-02-30T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-13-01T00:00:00.000Z']) {
      const text = a.replaceAll('1970-01-01T00:00:00.000Z', time);
      expect(canonicalAnnotationLine(text, full)).toBeNull();
    }
    expect(canonicalAnnotationLine(a, full)).not.toBeNull();
    expect(canonicalAnnotationLine(a.replace('"revision":1', '"revision":01'), full)).toBeNull();
  });
});
