// A compare project's hidden share set after it was made: stored in the rubric (no schema version: not indexed),
// checked, and carried to another device by the project bundle.
import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src/lib/db/projects';
import { hiddenShareFromBundle, saveHiddenSuggestionShare } from '../../../src/lib/db/project-rubric';
import { applyBundle, bundleContents } from '../../../src/lib/db/sync-queries';
import { DEFAULT_RUBRIC } from '../../../src/lib/domain/compare';
import { readBundle } from '../../../src/lib/sync/bundle-read';
import { writeBundle } from '../../../src/lib/sync/bundle';
import { bytesSource, MAY_FIRST } from '../sync/factories';
import { RUBRIC } from '../sync/compare-factories';
import { freshDb } from '../support/factories';

describe('saveHiddenSuggestionShare', () => {
  it('stores the share in the rubric, keeping the rest of it', async () => {
    const db = freshDb();
    const project = await createProject(db, { name: 'Replies', taskType: 'compare', labels: [], rubric: RUBRIC });
    expect(await saveHiddenSuggestionShare(db, project.id, 0.25)).toEqual({ ...RUBRIC, hiddenSuggestionShare: 0.25 });
    expect((await db.projects.get(project.id))?.rubric).toEqual({ ...RUBRIC, hiddenSuggestionShare: 0.25 });
  });

  it('takes 0 to 50 %, and refuses anything else or a project that compares nothing, changing nothing', async () => {
    const db = freshDb();
    const project = await createProject(db, { name: 'Replies', taskType: 'compare', labels: [] });
    await expect(saveHiddenSuggestionShare(db, project.id, 0.6)).rejects.toThrow('The hidden share is a percentage from 0 to 50 %.');
    await expect(saveHiddenSuggestionShare(db, project.id, Number.NaN)).rejects.toThrow(/from 0 to 50 %/);
    expect((await db.projects.get(project.id))?.rubric).toEqual(DEFAULT_RUBRIC);
    expect(await saveHiddenSuggestionShare(db, project.id, 0)).toMatchObject({ hiddenSuggestionShare: 0 });
    const texts = await createProject(db, { name: 'Texts', taskType: 'single', labels: [{ name: 'A', color: '#E69F00', hotkey: '1' }] });
    await expect(saveHiddenSuggestionShare(db, texts.id, 0.2)).rejects.toThrow('"Texts" does not compare responses: it has no hidden share.');
    expect((await db.projects.get(texts.id))?.rubric).toBeUndefined();
  });

  it('travels in the project bundle: another device opening it hides the same share', async () => {
    const coordinator = freshDb();
    const project = await createProject(coordinator, { name: 'Replies', taskType: 'compare', labels: [] });
    await saveHiddenSuggestionShare(coordinator, project.id, 0.35);
    const bytes = await writeBundle({ ...(await bundleContents(coordinator, project.id)), createdBy: { id: 'coord', name: 'Coordinator' }, deviceId: 'dev-coord', createdAt: MAY_FIRST });
    const bundle = await readBundle(bytesSource(bytes), 'replies.fieldlabel.zip');
    expect(bundle.project.rubric?.hiddenSuggestionShare).toBe(0.35);
    const field = freshDb();
    await applyBundle(field, bundle);
    expect((await field.projects.get(project.id))?.rubric?.hiddenSuggestionShare).toBe(0.35);
  });
});

describe('a later bundle of a compare project already on the device', () => {
  const HOUR = 3_600_000;

  /** The coordinator's project with its share set at `setAt`, bundled at `createdAt`. */
  async function bundleAt(coordinator: ReturnType<typeof freshDb>, projectId: string, share: number, setAt: number, createdAt: number) {
    await saveHiddenSuggestionShare(coordinator, projectId, share, setAt);
    const bytes = await writeBundle({ ...(await bundleContents(coordinator, projectId)), createdBy: { id: 'coord', name: 'Coordinator' }, deviceId: 'dev-coord', createdAt });
    return readBundle(bytesSource(bytes), 'replies.fieldlabel.zip');
  }

  it('brings the hidden share the coordinator set since, and says so; the same bundle again changes nothing', async () => {
    const coordinator = freshDb();
    const project = await createProject(coordinator, { name: 'Replies', taskType: 'compare', labels: [] }, MAY_FIRST);
    const field = freshDb();
    expect(await applyBundle(field, await bundleAt(coordinator, project.id, 0.1, MAY_FIRST, MAY_FIRST + HOUR), MAY_FIRST + 2 * HOUR)).toMatchObject({ created: true, hiddenShare: null });

    const later = await bundleAt(coordinator, project.id, 0.3, MAY_FIRST + 3 * HOUR, MAY_FIRST + 4 * HOUR);
    expect(await applyBundle(field, later)).toMatchObject({ created: false, hiddenShare: 0.3 });
    const stored = await field.projects.get(project.id);
    expect(stored?.rubric).toEqual({ ...DEFAULT_RUBRIC, hiddenSuggestionShare: 0.3 });
    expect(stored?.hiddenShareSetAt).toBe(MAY_FIRST + 4 * HOUR);
    expect(await applyBundle(field, later)).toMatchObject({ hiddenShare: null });
  });

  it('leaves a share set on this device after the bundle was made, and a bundle of another type changes none', async () => {
    const coordinator = freshDb();
    const project = await createProject(coordinator, { name: 'Replies', taskType: 'compare', labels: [] }, MAY_FIRST);
    const first = await bundleAt(coordinator, project.id, 0.1, MAY_FIRST, MAY_FIRST + HOUR);
    const older = await bundleAt(coordinator, project.id, 0.4, MAY_FIRST + 2 * HOUR, MAY_FIRST + 3 * HOUR);
    const field = freshDb();
    await applyBundle(field, first);
    await saveHiddenSuggestionShare(field, project.id, 0.2, MAY_FIRST + 5 * HOUR);
    expect(await applyBundle(field, older)).toMatchObject({ created: false, hiddenShare: null });
    expect((await field.projects.get(project.id))?.rubric?.hiddenSuggestionShare).toBe(0.2);

    const texts = await createProject(field, { name: 'Texts', taskType: 'single', labels: [{ name: 'A', color: '#E69F00', hotkey: '1' }] }, MAY_FIRST);
    expect(hiddenShareFromBundle(texts, { ...DEFAULT_RUBRIC, hiddenSuggestionShare: 0.3 }, MAY_FIRST + HOUR)).toBeNull();
  });
});
