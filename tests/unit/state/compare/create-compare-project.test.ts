import { describe, expect, it } from 'vitest';
import { createProject } from '../../../../src/lib/db/projects';
import { DEFAULT_RUBRIC, type Rubric } from '../../../../src/lib/domain/compare';
import { freshDb } from '../../support/factories';

const RUBRIC: Rubric = { ...DEFAULT_RUBRIC, ratings: [{ name: 'Tone', scale: 3, descriptions: ['rude', 'flat', 'kind'], required: false }], rationale: true };

describe('creating a compare project', () => {
  it('keeps its rubric (the default one when none is given) and needs no labels', async () => {
    const db = freshDb();
    const rated = await createProject(db, { name: 'Replies', taskType: 'compare', labels: [], rubric: RUBRIC });
    const plain = await createProject(db, { name: 'Plain', taskType: 'compare', labels: [] });
    expect((await db.projects.get(rated.id))?.rubric).toEqual(RUBRIC);
    expect((await db.projects.get(plain.id))?.rubric).toEqual(DEFAULT_RUBRIC);
  });

  it('gives other task types no rubric, and they still need a label', async () => {
    const db = freshDb();
    await expect(createProject(db, { name: 'Reviews', taskType: 'single', labels: [] })).rejects.toThrow('A project needs at least one label.');
    const spans = await createProject(db, { name: 'Names', taskType: 'spans', labels: [{ name: 'PER', color: '#E69F00', hotkey: '1' }], rubric: RUBRIC });
    expect((await db.projects.get(spans.id))?.rubric).toBeUndefined();
  });
});
