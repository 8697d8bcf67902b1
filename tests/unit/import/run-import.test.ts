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

  it('reports progress in bytes and counts', async () => {
    const { run } = await setup();
    const seen: ImportProgress[] = [];
    const text = jsonl(Array.from({ length: 2500 }, (_, i) => ({ text: `row ${i}` })));
    await run(text, 'progress.jsonl', 'text', undefined, (p) => seen.push(p));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[seen.length - 1]).toEqual({ bytesRead: text.length, totalBytes: text.length, added: 2500, duplicates: 0, rejected: 0 });
  });
});
