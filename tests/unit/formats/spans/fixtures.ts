import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SpanDoc } from '../../../../src/lib/formats/spans/document';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/spans/', import.meta.url));

export function spanFixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** What each span covers, so expectations read as text rather than as offsets. */
export function spanTexts(doc: SpanDoc): string[] {
  return doc.spans.map((span) => `${span.label}:${doc.text.slice(span.start, span.end)}`);
}
