import { describe, expect, it } from 'vitest';
import { isThreadChoice, threadsFor } from '../../../src/lib/model/threads';

describe('threads for the model worker', () => {
  it('keeps one core for the page by default', () => {
    expect(threadsFor('spare-one', 2, true)).toBe(1);
    expect(threadsFor('spare-one', 4, true)).toBe(3);
  });

  it('gives every core when the annotator asks for it', () => {
    expect(threadsFor('all', 2, true)).toBe(2);
    expect(threadsFor('all', 6, true)).toBe(6);
  });

  it('never asks for more than 8, nor fewer than 1', () => {
    expect(threadsFor('all', 32, true)).toBe(8);
    expect(threadsFor('spare-one', 1, true)).toBe(1);
    expect(threadsFor('all', 0, true)).toBe(1);
    expect(threadsFor('all', Number.NaN, true)).toBe(1);
  });

  it('runs on one thread without cross-origin isolation, whatever the choice', () => {
    expect(threadsFor('all', 8, false)).toBe(1);
  });

  it('reads back only the choices it knows', () => {
    expect(isThreadChoice('all')).toBe(true);
    expect(isThreadChoice('spare-one')).toBe(true);
    expect(isThreadChoice('fast')).toBe(false);
    expect(isThreadChoice(null)).toBe(false);
  });
});
