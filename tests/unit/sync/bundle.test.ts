import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeBundle, type BundleInput } from '../../../src/lib/sync/bundle';
import { readBundle } from '../../../src/lib/sync/bundle-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { sha256Hex } from '../../../src/lib/sync/sha256';
import { edit, editManifest, editTasks, refusal } from './bundle-edits';
import { bytesSource, fullHeader, MAY_FIRST, syncAnnotation } from './factories';

function bundleInput(overrides: Partial<BundleInput> = {}): BundleInput {
  return {
    project: {
      id: 'proj-1',
      name: 'Reviews',
      taskType: 'multi',
      labels: [
        { name: 'positive', color: '#009E73', hotkey: '1' },
        { name: 'urgent', color: '#D55E00', hotkey: '2', description: 'Needs an answer today' },
      ],
      instructions: 'Pick every label that applies.',
      strategy: 'hybrid',
      allowOverlap: false,
    },
    createdBy: { id: 'ann-coord', name: 'Coordinator' },
    deviceId: 'dev-coord',
    createdAt: MAY_FIRST,
    tasks: [
      { id: 't2', seq: 1, text: 'Second', meta: {} },
      { id: 't1', seq: 0, text: 'First, with "quotes"\nand a line break', meta: { source: 'web', stars: 4 } },
    ],
    ...overrides,
  };
}

describe('a coordinator hands out a project bundle and reads one back', () => {
  it('reads back the project, the tasks in order, the annotations and the model files', async () => {
    const annotations = [syncAnnotation({ value: ['positive', 'urgent'] })];
    const model = { 'config.json': strToU8('{"a":1}'), 'onnx/model.onnx': new Uint8Array([0, 1, 2, 255]) };
    const bundle = await readBundle(bytesSource(await writeBundle(bundleInput({ annotations, model }))), 'reviews.fieldlabel.zip');
    expect(bundle.project).toEqual(bundleInput().project);
    expect(bundle.createdBy).toEqual({ id: 'ann-coord', name: 'Coordinator' });
    expect(bundle.createdAt).toBe(MAY_FIRST);
    expect(bundle.tasks.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(bundle.tasks[0]).toEqual({ id: 't1', seq: 0, text: 'First, with "quotes"\nand a line break', meta: { source: 'web', stars: 4 } });
    expect(bundle.labels?.annotations).toEqual(annotations);
    expect(bundle.labels?.header).toMatchObject({ projectId: 'proj-1', annotator: { id: 'ann-coord', name: 'Coordinator' }, deviceId: 'dev-coord' });
    expect(bundle.model).toEqual(model);
  });

  it('carries a span project with its overlap rule and its span annotations', async () => {
    const project = { ...bundleInput().project, taskType: 'spans' as const, allowOverlap: true };
    const annotations = [syncAnnotation({ value: ['0:5:PER', '0:12:ORG'] })];
    const bytes = await writeBundle(bundleInput({ project, annotations }));
    const bundle = await readBundle(bytesSource(bytes), 'ner.fieldlabel.zip');
    expect(bundle.project).toEqual(project);
    expect(bundle.labels?.annotations).toEqual(annotations);
    // Apps that read up to version 1 check the version before any field: they say the bundle needs a newer app.
    expect(JSON.parse(strFromU8(unzipSync(bytes)['manifest.json'] as Uint8Array))).toMatchObject({ version: 3, project: { task_type: 'spans', allow_overlap: true } });
  });

  it('says for every project whether spans may overlap', async () => {
    const manifest = JSON.parse(strFromU8(unzipSync(await writeBundle(bundleInput()))['manifest.json'] as Uint8Array));
    expect(manifest.project).toMatchObject({ task_type: 'multi', allow_overlap: false });
  });

  it('reads a bundle without annotations or model', async () => {
    const bundle = await readBundle(bytesSource(await writeBundle(bundleInput())), 'reviews.fieldlabel.zip');
    expect(bundle.labels).toBeNull();
    expect(bundle.model).toEqual({});
  });

  it('writes the same bytes for the same project', async () => {
    expect(await writeBundle(bundleInput())).toEqual(await writeBundle(bundleInput({ tasks: [...bundleInput().tasks].reverse() })));
  });

  it('exports from a device whose clock was never set (zip times start in 1980)', async () => {
    const bundle = await readBundle(bytesSource(await writeBundle(bundleInput({ createdAt: 0 }))), 'reviews.fieldlabel.zip');
    expect(bundle.createdAt).toBe(0);
  });

  it('keeps model files inside the model folder', async () => {
    await expect(writeBundle(bundleInput({ model: { '../evil': new Uint8Array(1) } }))).rejects.toThrow('must stay inside the model folder');
  });
});

describe('a bundle that must not be applied is refused whole, saying why', () => {
  it('a file that is not a zip, or a damaged one', async () => {
    expect(await refusal(strToU8('id,text\n1,hello\n'))).toBe('reviews.fieldlabel.zip: is not a zip archive: a project bundle is a .fieldlabel.zip file');
    const bytes = await writeBundle(bundleInput());
    expect(await refusal(bytes.slice(0, 200))).toMatch(/^reviews\.fieldlabel\.zip: is a damaged zip archive \(.+\); copy it again$/);
  });

  it('a zip that is not a fieldlabel bundle', async () => {
    expect(await refusal(zipSync({ 'notes.txt': strToU8('hello') }))).toBe('reviews.fieldlabel.zip: is not a fieldlabel project bundle: it has no manifest.json');
    expect(await refusal(zipSync({ 'manifest.json': strToU8('{"name":"other app"}') }))).toBe(
      'reviews.fieldlabel.zip: is not a fieldlabel project bundle: its manifest.json has no "type": "fieldlabel.bundle"',
    );
  });

  it('a bundle from a newer fieldlabel', async () => {
    const newer = editManifest(await writeBundle(bundleInput()), (m) => (m.version = 4));
    expect(await refusal(newer)).toBe('reviews.fieldlabel.zip: was written by a newer fieldlabel (bundle version 4); this one reads up to 3 — update the app');
  });

  it('a version-2 project that does not say whether its spans may overlap', async () => {
    const bytes = await writeBundle(bundleInput());
    expect(await refusal(editManifest(bytes, (m) => delete m.project.allow_overlap))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 4: missing "project.allow_overlap" (expected true or false)',
    );
  });

  it('a file changed after export, or missing from the archive', async () => {
    const bytes = await writeBundle(bundleInput({ annotations: [syncAnnotation()] }));
    const changed = edit(bytes, (e) => (e['tasks.jsonl'] = strToU8(strFromU8(e['tasks.jsonl'] as Uint8Array).replace('Second', 'Secnod'))));
    expect(await refusal(changed)).toBe('reviews.fieldlabel.zip: tasks.jsonl was changed after export (checksum mismatch); export the bundle again');
    const missing = edit(bytes, (e) => delete e['annotations.labels.jsonl']);
    expect(await refusal(missing)).toBe(
      'reviews.fieldlabel.zip: lists annotations.labels.jsonl in its manifest, but the archive does not hold it — the bundle is incomplete',
    );
  });

  it('a count that does not match, or no tasks.jsonl at all', async () => {
    const bytes = await writeBundle(bundleInput());
    expect(await refusal(editManifest(bytes, (m) => (m.files['tasks.jsonl'].count = 3)))).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl holds 2 records but the manifest says 3 — the bundle was changed after export',
    );
    expect(await refusal(editManifest(bytes, (m) => delete m.files['tasks.jsonl']))).toBe('reviews.fieldlabel.zip: has no tasks.jsonl: a project bundle always holds its tasks');
  });

  it('a manifest with a wrong field, named with its path', async () => {
    const bytes = await writeBundle(bundleInput());
    expect(await refusal(editManifest(bytes, (m) => (m.project.task_type = 'many')))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 7: "project.task_type" must be "single", "multi", "spans" or "compare", found a string',
    );
    expect(await refusal(editManifest(bytes, (m) => delete m.project.labels[1].hotkey))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 14: missing "project.labels[1].hotkey" (expected a non-empty string)',
    );
  });

  it('a label set the New project form would refuse: repeated name or hotkey, a reserved key, a colour that is not a hex colour', async () => {
    const bytes = await writeBundle(bundleInput());
    expect(await refusal(editManifest(bytes, (m) => (m.project.labels[1].name = 'Positive')))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 15: "project.labels[1].name": "Positive" repeats label "positive": label names must differ, ignoring case',
    );
    expect(await refusal(editManifest(bytes, (m) => (m.project.labels[1].hotkey = '1')))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 17: "project.labels[1].hotkey": hotkey "1" is already the key of "positive"',
    );
    expect(await refusal(editManifest(bytes, (m) => (m.project.labels[0].hotkey = 's')))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 12: "project.labels[0].hotkey": hotkey "s" is taken by the annotate screen (S skips a task)',
    );
    expect(await refusal(editManifest(bytes, (m) => (m.project.labels[0].color = 'red;background-image:url(http://x)')))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 11: "project.labels[0].color": a colour is a hex colour like "#E69F00", found "red;background-image:url(http://x)"',
    );
    expect(await refusal(editManifest(bytes, (m) => (m.project.labels = [])))).toBe(
      'reviews.fieldlabel.zip: manifest.json, line 8: "project.labels": a project needs at least one label',
    );
  });

  it('tasks without text, or with an id used twice, naming the line', async () => {
    const bytes = await writeBundle(bundleInput());
    expect(await refusal(await editTasks(bytes, [{ id: 't1', seq: 0, text: 'Hello', meta: {} }, { id: 't2', seq: 1, text: ' \n', meta: {} }]))).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 2: "text" is empty: a task needs a text to label',
    );
    expect(await refusal(await editTasks(bytes, [{ id: 't1', seq: 0, text: 'Hello', meta: {} }, { id: 't2', seq: 1, text: 'Hi', meta: {} }, { id: 't1', seq: 2, text: 'Again', meta: {} }]))).toBe(
      'reviews.fieldlabel.zip: tasks.jsonl, line 3: task id "t1" is already on line 1: task ids must be unique',
    );
  });

  it('a model file that would land outside the model folder', async () => {
    const bytes = await writeBundle(bundleInput({ model: { 'config.json': strToU8('{}') } }));
    const escaping = editManifest(
      edit(bytes, (e) => (e['model/../../evil.js'] = e['model/config.json'] as Uint8Array)),
      (m) => (m.files['model/../../evil.js'] = m.files['model/config.json']),
    );
    expect(await refusal(escaping)).toBe('reviews.fieldlabel.zip: holds a model file outside the model folder (model/../../evil.js); it is not safe to open');
  });

  it('annotations of another project inside the bundle', async () => {
    const foreign = strToU8(await writeLabelFile(fullHeader({ projectId: 'proj-9' }), [syncAnnotation({ projectId: 'proj-9' })]));
    const sha256 = await sha256Hex(foreign);
    const bytes = await writeBundle(bundleInput({ annotations: [syncAnnotation()] }));
    const swapped = editManifest(
      edit(bytes, (e) => (e['annotations.labels.jsonl'] = foreign)),
      (m) => (m.files['annotations.labels.jsonl'] = { sha256, bytes: foreign.length, count: 1 }),
    );
    expect(await refusal(swapped)).toBe(
      'reviews.fieldlabel.zip: annotations.labels.jsonl: belongs to project "proj-9", not to the bundle\'s project "proj-1"',
    );
  });

});
