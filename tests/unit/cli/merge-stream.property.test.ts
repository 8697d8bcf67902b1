// `fieldlabel merge` streams lines through sorted runs on disk and passes canonical lines on as text; the reference is
// the app's in-memory merge (mergeAll) of the same files read the full way, written as one label file. On random
// histories (twin devices, hand-edited files, ties), lines in other JSON forms and names that need escaping, any run
// size, the two must be the same bytes.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMergedLabelFile } from '../../../src/cli/commands/merge';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { headerLine, writeLabelFile, type LabelFileHeaderInput } from '../../../src/lib/sync/label-file-write';
import { mergeAll } from '../../../src/lib/sync/merge';
import { ownerOf, type SyncAnnotation } from '../../../src/lib/sync/types';
import { historyArb, replay } from '../sync/histories';
import { annotationText, lineVariantArb, nameArb, type LineVariant } from '../sync/line-variants';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldlabel-merge-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PROJECT = 'p0';
const quiet = { stdout: () => undefined, stderr: () => undefined };

/** A label file of these lines, as written: one annotator's own lines make a delta file, others a full one. */
function labelFileText(annotations: SyncAnnotation[], variants: LineVariant[], createdAt: number): string {
  const lines = annotations.map((a, i) => `${annotationText(a, variants[i % variants.length] as LineVariant)}\n`);
  const owners = new Set(annotations.map((a) => ownerOf(a.annotatorId)));
  const [owner] = owners;
  const scope: LabelFileHeaderInput =
    owners.size === 1 && owner !== undefined
      ? { projectId: PROJECT, annotator: { id: owner, name: '' }, deviceId: 'd', createdAt, scope: 'delta', sinceRevision: Math.min(...annotations.map((a) => a.revision)) - 1 }
      : { projectId: PROJECT, annotator: { id: 'ann-0', name: '' }, deviceId: 'd', createdAt, scope: 'full' };
  const sha = createHash('sha256');
  for (const line of lines) sha.update(line);
  return headerLine(scope, lines.length, sha.digest('hex')) + lines.join('');
}

describe('fieldlabel merge, streamed, against the in-memory merge', () => {
  it('writes the same bytes on random histories, line forms and run sizes', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(historyArb, fc.array(lineVariantArb, { minLength: 1, maxLength: 5 }), fc.array(nameArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 6 }), async (h, variants, names, runSize) => {
        const files = replay(h)
          .files.map((file) => file.filter((a) => a.projectId === PROJECT).map((a, i) => ({ ...a, annotatorName: names[(a.revision + i) % names.length] as string })))
          .filter((file) => file.length > 0);
        fc.pre(files.length > 0);
        const paths: string[] = [];
        for (const [i, file] of files.entries()) {
          const path = join(dir, `r${round}-f${i}.labels.jsonl`);
          await writeFile(path, labelFileText(file, variants, 1_000 * (i + 1)));
          paths.push(path);
        }
        round++;

        const read = await Promise.all(paths.map(async (path) => readLabelFile(await readFile(path, 'utf8'), path)));
        const header = { projectId: PROJECT, annotator: { id: 'fieldlabel-merge', name: 'fieldlabel merge' }, deviceId: 'fieldlabel-cli', createdAt: 1_000 * files.length, scope: 'full' } as const;
        const expected = await writeLabelFile(header, mergeAll(read.map((f) => f.annotations)));

        const out = join(dir, `r${round}-merged.labels.jsonl`);
        await writeMergedLabelFile(paths, out, quiet, runSize);
        expect(await readFile(out, 'utf8')).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
