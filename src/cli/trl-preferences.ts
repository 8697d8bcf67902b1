// TRL preference files for `fieldlabel simulate --task compare`, read by the app's own TRL reader
// (formats/compare/trl.ts: standard, conversational, implicit prompt) and flattened to the strings the replay
// compares: the prompt's turns, the chosen and the rejected answer. A bad line refuses the file with its name, line
// and field, as `convert` does.
import { preferredId, type ChatMessage } from '../lib/domain/compare';
import { read as readTrl } from '../lib/formats/compare/trl';
import { FormatProblem } from '../lib/formats/spans/document';
import { DataError } from './labelled-jsonl';

export interface PreferenceLine {
  prompt: string;
  chosen: string;
  rejected: string;
}

export function readTrlPreferences(fileName: string, content: string): PreferenceLine[] {
  let docs;
  try {
    docs = readTrl(content, fileName);
  } catch (error) {
    if (error instanceof FormatProblem) throw new DataError(error.message);
    throw error;
  }
  if (docs.length === 0) throw new DataError(`${fileName}: no preference lines`);
  return docs.map(({ content: { messages, responses }, judgements }) => {
    const judgement = judgements[0]?.judgement ?? null;
    const chosenId = judgement === null ? null : preferredId(judgement);
    const chosen = responses.find((response) => response.id === chosenId);
    const rejected = responses.find((response) => response.id !== chosenId);
    return { prompt: flatten(messages), chosen: chosen?.text ?? '', rejected: rejected?.text ?? '' };
  });
}

function flatten(messages: readonly ChatMessage[]): string {
  return messages.map((message) => message.content).join('\n\n');
}
