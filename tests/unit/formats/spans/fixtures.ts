import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgement, type DocJudgement, type LabelledDoc, type Span } from '../../../../src/lib/formats/spans/document';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/spans/', import.meta.url));

export function spanFixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** A document with one annotation holding these spans, as the token formats read them. */
export function spanDoc(text: string, spans: Span[], meta: Record<string, unknown> = {}): LabelledDoc {
  return { id: null, text, meta, annotations: [judgement({ spans })], predictions: [] };
}

/** What each span of the first annotation covers, so expectations read as text rather than as offsets. */
export function spanTexts(doc: LabelledDoc): string[] {
  return coveredTexts(doc, doc.annotations[0]);
}

/** What each span of one judgement covers. */
export function coveredTexts(doc: LabelledDoc, judged: DocJudgement | undefined): string[] {
  return (judged?.spans ?? []).map((span) => `${span.label}:${doc.text.slice(span.start, span.end)}`);
}

/** The first annotation's spans. */
export function spansOf(doc: LabelledDoc | undefined): Span[] {
  return doc?.annotations[0]?.spans ?? [];
}
