import { describe, expect, it } from 'vitest';
import { ProjectTurns } from '../../../src/lib/model/project-turns';

class FakeProject {
  closed = false;
  model: string | null = null;
  constructor(readonly name: string) {}
  close(): void {
    this.closed = true;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ProjectTurns', () => {
  it('applies a change asked for while a project opens to the project being opened, not to the one it replaces', async () => {
    const turns = new ProjectTurns<FakeProject>();
    const first = await turns.open(async () => new FakeProject('first'));
    const reading = deferred<FakeProject>();
    const reopened = turns.open(() => reading.promise);
    const chosen = turns.with(async (project) => {
      project.model = 'downloaded';
      return project.name;
    });
    // Reads still answer from the project open now.
    expect(turns.project).toBe(first);
    reading.resolve(new FakeProject('second'));
    expect(await chosen).toBe('second');
    expect((await reopened).model).toBe('downloaded');
    expect(first.model).toBeNull();
    expect(first.closed).toBe(true);
    expect(turns.project?.name).toBe('second');
  });

  it('skips an open overtaken before its turn, and answers it with the later one', async () => {
    const turns = new ProjectTurns<FakeProject>();
    const made: string[] = [];
    const blocker = deferred<FakeProject>();
    const started = deferred<void>();
    const make = (name: string) => async () => {
      made.push(name);
      if (name !== 'a') return new FakeProject(name);
      started.resolve();
      return blocker.promise;
    };
    const a = turns.open(make('a'));
    await started.promise;
    // b and c wait behind a; by b's turn, c has been asked for.
    const b = turns.open(make('b'));
    const c = turns.open(make('c'));
    blocker.resolve(new FakeProject('a'));
    expect([(await a).name, (await b).name, (await c).name]).toEqual(['a', 'c', 'c']);
    expect(made).toEqual(['a', 'c']);
  });

  it('says no project is open before the first open, and a failed step does not stop later ones', async () => {
    const turns = new ProjectTurns<FakeProject>();
    await expect(turns.with(async () => 1)).rejects.toThrow('No project is open.');
    await expect(turns.open(() => Promise.reject(new Error('The project no longer exists.')))).rejects.toThrow('The project no longer exists.');
    const opened = await turns.open(async () => new FakeProject('next'));
    expect(await turns.with(async (project) => project)).toBe(opened);
  });
});
