// Writing label files. The same annotations always give the same bytes (sorted lines, fixed key order), so a file
// can be compared, deduplicated and checksummed. Streaming writers (the CLI) use the line functions directly.
import { LABEL_FILE_VERSION } from './label-file-schema';
import { compareIdentity, compareVersions } from './merge';
import { webCryptoSha256 } from './sha256';
import { annotationToJson, headerToJson, ownerOf, type SyncAnnotation } from './types';

/** A full file holds everything the device has; a delta, the annotator's own writes after `sinceRevision`. */
export type LabelFileScopeInput = { scope: 'full' } | { scope: 'delta'; sinceRevision: number };

export type LabelFileHeaderInput = {
  projectId: string;
  annotator: { id: string; name: string };
  deviceId: string;
  createdAt: number;
} & LabelFileScopeInput;

/** The annotations a file of this header holds, in file order. */
function labelFileAnnotations(input: LabelFileHeaderInput, annotations: Iterable<SyncAnnotation>): SyncAnnotation[] {
  const selected: SyncAnnotation[] = [];
  for (const a of annotations) {
    // Another project's annotation here would be imported into the wrong project on the other side.
    if (a.projectId !== input.projectId) {
      throw new Error(`annotation of project "${a.projectId}" passed to a label file of project "${input.projectId}"`);
    }
    if (input.scope === 'full' || (ownerOf(a.annotatorId) === input.annotator.id && a.revision > input.sinceRevision)) selected.push(a);
  }
  return selected.sort((a, b) => compareIdentity(a, b) || compareVersions(a, b));
}

/** One annotation line, with its "\n": exactly the bytes the checksum covers. */
export function annotationLine(a: SyncAnnotation): string {
  return `${JSON.stringify(annotationToJson(a))}\n`;
}

export function headerLine(input: LabelFileHeaderInput, count: number, sha256Hex: string): string {
  const header = headerToJson({
    version: LABEL_FILE_VERSION,
    projectId: input.projectId,
    annotator: input.annotator,
    deviceId: input.deviceId,
    createdAt: input.createdAt,
    scope: input.scope,
    sinceRevision: input.scope === 'delta' ? input.sinceRevision : null,
    count,
    checksum: `sha256:${sha256Hex}`,
  });
  return `${JSON.stringify(header)}\n`;
}

export async function writeLabelFile(input: LabelFileHeaderInput, annotations: Iterable<SyncAnnotation>): Promise<string> {
  const sha = webCryptoSha256();
  const lines = labelFileAnnotations(input, annotations).map(annotationLine);
  for (const line of lines) sha.update(line);
  return headerLine(input, lines.length, await sha.digest()) + lines.join('');
}
