// Annotation lines as other writers might put them: the same annotation, valid JSON, not in the canonical form (keys
// reordered, escapes where none are needed, a time zone other than Z, spaces). A merge must read them as the same
// annotation and write them canonically.
import fc from 'fast-check';
import { annotationToJson, type SyncAnnotation } from '../../../src/lib/sync/types';

export type LineVariant = 'canonical' | 'reordered' | 'escaped' | 'offset' | 'spaced';

export const lineVariantArb = fc.constantFrom<LineVariant>('canonical', 'canonical', 'canonical', 'reordered', 'escaped', 'offset', 'spaced');

/** Names that test JSON's escaping: quotes, backslashes, control characters, pairs and lone surrogates. */
export const nameArb = fc.constantFrom('Ada', 'Zoë "Z" Ünal', 'back\\slash', 'tab\there', '😀 Emoji', 'lone \ud800 half', '', 'Ω/σ');

export function annotationText(a: SyncAnnotation, variant: LineVariant): string {
  const json = annotationToJson(a);
  switch (variant) {
    case 'canonical':
      return JSON.stringify(json);
    case 'reordered':
      return JSON.stringify(Object.fromEntries(Object.entries(json).reverse()));
    case 'escaped':
      return JSON.stringify(json).replace(`"annotator_name":${JSON.stringify(json.annotator_name)}`, () => `"annotator_name":"${unicodeEscaped(json.annotator_name)}"`);
    case 'offset':
      return JSON.stringify({ ...json, updated_at: json.updated_at.replace('Z', '+00:00') });
    case 'spaced':
      return JSON.stringify(json, null, 1).replaceAll('\n', '');
  }
}

/** Every UTF-16 unit as \\uXXXX: valid JSON for the same string, never what JSON.stringify writes for a letter. */
function unicodeEscaped(text: string): string {
  return Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}
