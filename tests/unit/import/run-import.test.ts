import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countTasks, getTaskAt } from '../../../src/lib/db/tasks';
import { inspectFile, runImport, type ImportProgress } from '../../../src/lib/import/run-import';
import { freshDb, makeProject } from '../support/factories';

const blob = (text: string | Uint8Array<ArrayBuffer>) => new Blob([text]);
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function setup() {
  const db = freshDb('relaxed');
  const project = await makeProject(db);
  const run = (text: string | Uint8Array<ArrayBuffer>, fileName: string, textField = 'text', signal?: AbortSignal, onProgress?: (p: ImportProgress) => void) =>
    runImport({ db, projectId: project.id, file: blob(text), fileName, textField, signal, onProgress });
  return { db, project, run };
}

describe('inspectFile', () => {
  it('finds the format and the text column, and asks when the column is ambiguous', async () => {
    expect(await inspectFile(blob('id,body,lang\n1,hello,en\n'), 'a.csv')).toMatchObject({ format: 'csv', columns: ['id', 'body', 'lang'], textField: 'body', sampleTexts: ['hello'] });
    expect(await inspectFile(blob('q\ta\nwhat?\tyes\n'), 'pairs.tsv')).toMatchObject({ format: 'tsv', columns: ['q', 'a'], textField: null });
  });

  it('refuses an empty file by name', async () => {
    await expect(inspectFile(blob(' \n'), 'empty.txt')).rejects.toThrow('empty.txt: is empty');
  });
});

// Files that used to stop at "Which column holds the text to label?" with no column to choose (issue #17): each
// now either imports or is refused, naming the file, the line and the reason. The form comes up only with a choice.
describe('inspectFile never leaves the user a column form with nothing to choose', () => {
  const NOT_ONE = '(not one task could be read from this file)';
  const refusal = async (text: string, fileName: string) => {
    try {
      await inspectFile(blob(text), fileName);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`${fileName} was not refused`);
  };

  it('reads on past the preview until the first record is complete', async () => {
    const longLine = 'word '.repeat(60_000);
    expect(await inspectFile(blob(`${longLine}\nsecond\n`), 'long-line.txt')).toMatchObject({ format: 'text', textField: 'text' });
    const hugeId = JSON.stringify({ id: 'i'.repeat(2_000_000), text: 'hi' });
    expect(await inspectFile(blob(`${hugeId}\n{"text": "next"}\n`), 'big-id.jsonl')).toMatchObject({ textField: 'text', sampleTexts: ['hi', 'next'] });
    const wideRow = `${'x'.repeat(300_000)},question?,answer!`;
    expect(await inspectFile(blob(`notes,q,a\n${wideRow}\n`), 'pairs.csv')).toMatchObject({ columns: ['notes', 'q', 'a'], textField: null, textColumns: ['notes', 'q', 'a'] });
  });

  it('finds the columns of a JSON array larger than the preview', async () => {
    const tasks = Array.from({ length: 20_000 }, (_, i) => ({ id: i, sentence: `task number ${i}`, n: i }));
    expect(await inspectFile(blob(JSON.stringify(tasks)), 'big.json')).toMatchObject({ format: 'json', textField: 'sentence', sampleTexts: ['task number 0', 'task number 1', 'task number 2'] });
  });

  it('refuses a record too long for a task, a header too wide, a quote never closed', async () => {
    expect(await refusal(`{"text": "${'y'.repeat(20_000_000)}"}\n`, 'one-line.jsonl')).toBe(
      'one-line.jsonl, line 1: the task that starts on this line is longer than 8,000,000 characters, the most one task may hold; split it into smaller tasks',
    );
    const header = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',');
    expect(await refusal(`${header}\n${header}\n`, 'wide.csv')).toMatch(/^wide\.csv, line 1: header: 50,000 columns/);
    expect(await refusal('text,label\n"abc,pos\ndef,neg\n', 'tasks.csv')).toMatch(/^tasks\.csv, line 2: a quoted field opens on this line and is never closed/);
  });

  it('refuses files with no task in them, by their first problem', async () => {
    expect(await refusal('[]', 'data.json')).toBe('data.json, line 1: the array holds no tasks; put one task per element, like [{"text": "..."}]');
    expect(await refusal('[\n1,\n2,\n3\n]', 'data.json')).toBe(`data.json, line 2: expected a task object or a text string, found a number ${NOT_ONE}`);
    expect(await refusal('[null]', 'data.json')).toBe(`data.json, line 1: expected a task object or a text string, found null ${NOT_ONE}`);
    expect(await refusal('text,label\n', 'header.csv')).toBe('header.csv, line 1: has a header but no rows; put one task per row below the header');
    expect(await refusal('a,b,c\n1,2\n3,4\n', 'short.csv')).toBe(`short.csv, line 2: expected 3 columns (a, b, c), found 2 ${NOT_ONE}`);
    expect(await refusal('['.repeat(10_000) + ']'.repeat(10_000), 'deep.json')).toBe(
      `deep.json, line 1: is nested deeper than 64 levels; flatten it or leave it out ${NOT_ONE}`,
    );
  });

  it('refuses records in which no field holds text', async () => {
    expect(await refusal('{}\n{}\n', 'empty-objects.jsonl')).toBe('empty-objects.jsonl, line 1: no field holds text to label; each task needs one, such as "text"');
    expect(await refusal('[{"n": 1, "tags": ["a"]}, {"n": 2}]', 'numbers.json')).toBe('numbers.json, line 1: no field holds text to label; each task needs one, such as "text"');
  });

  it("leaves another tool's file, whose records hold no text field of their own, to that tool's reader", async () => {
    const labelStudio = readFileSync(new URL('../../fixtures/spans/labelstudio-sentiment.json', import.meta.url));
    expect(await inspectFile(blob(new Uint8Array(labelStudio)), 'export.json')).toMatchObject({ labelled: { format: 'labelstudio' }, textField: null });
  });

  it('offers only the columns that hold text', async () => {
    expect(await inspectFile(blob('{"q": "why?", "a": "because", "n": 3, "empty": ""}\n'), 'qa.jsonl')).toMatchObject({
      columns: ['q', 'a', 'n', 'empty'],
      textColumns: ['q', 'a'],
      textField: null,
    });
  });
});

describe('runImport', () => {
  it('imports, then importing the same file again adds nothing', async () => {
    const { db, project, run } = await setup();
    const file = jsonl([{ id: 'a', text: 'one', lang: 'en' }, { text: 'two' }, { text: 'two' }]);
    const first = await run(file, 'tasks.jsonl');
    expect(first).toMatchObject({ status: 'done', added: 2, duplicates: 1, rejected: 0 });
    const again = await run(file, 'tasks.jsonl');
    expect(again).toMatchObject({ status: 'done', added: 0, duplicates: 3 });
    expect(await countTasks(db, project.id)).toBe(2);
    expect(await getTaskAt(db, project.id, 0)).toMatchObject({ id: 'a', text: 'one', meta: { lang: 'en' } });
  });

  it('reports a bad line with its number and keeps the good ones', async () => {
    const { db, project, run } = await setup();
    const result = await run('{"text":"fine"}\n{"text": oops}\n{"title":"no text"}\n{"text":"also fine"}\n', 'mixed.jsonl');
    expect(result.status).toBe('done');
    expect(result.added).toBe(2);
    expect(result.rejected).toBe(2);
    expect(result.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(result.problems[0]?.message).toMatch(/^not valid JSON/);
    expect(result.problems[1]?.message).toContain('"text"');
    expect(await countTasks(db, project.id)).toBe(2);
  });

  it('refuses a file that is not the format it claims, writing nothing', async () => {
    const { db, project, run } = await setup();
    await expect(run('id,text\n1,hello\n', 'looks-like.jsonl')).rejects.toThrow('looks-like.jsonl, line 1: is not JSON Lines');
    expect(await countTasks(db, project.id)).toBe(0);
    expect(await db.imports.count()).toBe(0);
  });

  it('takes back every batch already written when a file turns out to be broken further down', async () => {
    const { db, project, run } = await setup();
    // Past the 256 KiB the preview reads, so several batches are already stored when the bad bytes arrive.
    const good = jsonl(Array.from({ length: 20000 }, (_, i) => ({ id: `n${i}`, text: `task ${i}` })));
    const bytes = new Uint8Array([...new TextEncoder().encode(good), 0x7b, 0x22, 0xe9, 0x22, 0x7d, 0x0a]);
    const result = await run(bytes, 'late-latin1.jsonl');
    expect(result.status).toBe('failed');
    expect(result.message).toContain('late-latin1.jsonl, line 20001: is not UTF-8 text');
    expect(await countTasks(db, project.id)).toBe(0);
  });

  it('cancels cleanly: nothing of the file is kept and the project can import again', async () => {
    const { db, project, run } = await setup();
    const controller = new AbortController();
    const big = jsonl(Array.from({ length: 5000 }, (_, i) => ({ text: `row ${i}` })));
    const result = await run(big, 'big.jsonl', 'text', controller.signal, (progress) => {
      if (progress.added >= 2000) controller.abort();
    });
    expect(result.status).toBe('cancelled');
    expect(await countTasks(db, project.id)).toBe(0);
    expect((await run(jsonl([{ text: 'after' }]), 'small.jsonl')).added).toBe(1);
    expect((await getTaskAt(db, project.id, 0))?.text).toBe('after');
  });

  it('imports a text file whose first line is longer than the preview', async () => {
    const { run } = await setup();
    const longLine = 'word '.repeat(60_000);
    expect(await run(`${longLine}\nsecond\n`, 'long-line.txt')).toMatchObject({ status: 'done', added: 2 });
  });

  it('rejects a 2 MB id at its line, and refuses the file when no other task could be read', async () => {
    const { run } = await setup();
    const hugeId = JSON.stringify({ id: 'i'.repeat(2_000_000), text: 'hi' });
    const withOthers = await run(`{"text": "fine"}\n${hugeId}\n`, 'big-id.jsonl');
    expect(withOthers).toMatchObject({ status: 'done', added: 1, rejected: 1 });
    expect(withOthers.problems).toEqual([{ line: 2, message: 'field "id" is 2,000,000 characters long, more than the 1,024 an id may have' }]);
    const alone = await run(`${hugeId}\n`, 'only-big-id.jsonl');
    expect(alone).toMatchObject({ status: 'failed', added: 0 });
    expect(alone.message).toBe(
      'only-big-id.jsonl, line 1: field "id" is 2,000,000 characters long, more than the 1,024 an id may have (not one task could be read from this file) — nothing from this file was kept.',
    );
  });

  it('refuses a file in which every record is rejected, naming the first', async () => {
    const { db, project, run } = await setup();
    const result = await run('{"title": "no text"}\n{"title": "none here either"}\n', 'titles.jsonl');
    expect(result).toMatchObject({ status: 'failed', added: 0 });
    expect(result.message).toBe('titles.jsonl, line 1: missing text: field "text" is absent (not one task could be read from this file) — nothing from this file was kept.');
    expect(await countTasks(db, project.id)).toBe(0);
  });

  it('rejects a record whose meta nests 10,000 deep at its line, instead of failing the file on storing it', async () => {
    const { db, project, run } = await setup();
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const result = await run(`{"text": "fine"}\n{"text": "deep", "meta": ${deep}}\n{"text": "also fine"}\n`, 'deep-meta.jsonl');
    expect(result).toMatchObject({ status: 'done', added: 2, rejected: 1 });
    expect(result.problems).toEqual([{ line: 2, message: 'field "meta" is nested deeper than 64 levels; flatten it or leave it out' }]);
    expect(await countTasks(db, project.id)).toBe(2);
  });

  it('says which line repeated which id with a different text, in the file or in the project, and only counts the same text', async () => {
    const { run } = await setup();
    await run(jsonl([{ id: '17', text: 'seventeen' }]), 'first.jsonl');
    const second = [
      { id: '42', text: 'forty-two' },
      { id: '42', text: 'forty-two' },
      { id: 42, text: 'something else' },
      { id: '17', text: 'seventeen' },
      { id: '17', text: 'changed' },
      { text: 'no id' },
      { text: 'no id' },
      { text: 5 },
    ];
    const result = await run(jsonl(second), 'second.jsonl');
    expect(result).toMatchObject({ status: 'done', added: 2, duplicates: 5, conflictingDuplicates: 2, rejected: 1 });
    expect(result.problems).toEqual([
      { line: 3, message: 'id "42" repeats line 1 with a different text; skipped' },
      { line: 5, message: 'id "17" is already in the project with a different text; skipped' },
      { line: 8, message: 'field "text" must be a string, found a number' },
    ]);
  });

  it('finds the line an id first came on in an earlier batch, and keeps only the first problems', async () => {
    const { run } = await setup();
    const rows = Array.from({ length: 2500 }, (_, i) => ({ id: `r${i}`, text: `row ${i}` }));
    const repeats = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, text: `row ${i}, edited` }));
    const result = await run(jsonl([...rows, ...repeats]), 'edited.jsonl');
    expect(result).toMatchObject({ added: 2500, duplicates: 300, conflictingDuplicates: 300, rejected: 0 });
    expect(result.problems).toHaveLength(200);
    expect(result.problems[0]).toEqual({ line: 2501, message: 'id "r0" repeats line 1 with a different text; skipped' });
  });

  it('reports progress in bytes and counts', async () => {
    const { run } = await setup();
    const seen: ImportProgress[] = [];
    const text = jsonl(Array.from({ length: 2500 }, (_, i) => ({ text: `row ${i}` })));
    await run(text, 'progress.jsonl', 'text', undefined, (p) => seen.push(p));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[seen.length - 1]).toEqual({ bytesRead: text.length, totalBytes: text.length, added: 2500, duplicates: 0, rejected: 0 });
  });
});
