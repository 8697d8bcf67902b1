// Getting a model onto the device from files the user picked (a folder or a .zip): validate every part first,
// so a model that cannot work is refused with its reason instead of failing later or hanging.
import type { ModelRow } from '../db/rows';
import type { ModelInfo } from './api';
import { checkModelFiles, describeModelConfig, isIgnoredModelPath, stripWrapperFolder, unzipModel } from './model-files';
import { isTestModelConfig, modelKind } from './model-registry';
import { checkOnnxSupported, readOnnxHeader } from './onnx-header';

export interface PickedFile {
  path: string;
  file: Blob;
}

export async function readPickedModel(picked: PickedFile[]): Promise<Map<string, Uint8Array>> {
  if (picked.length === 1 && /\.zip$/i.test(picked[0]?.path ?? '')) {
    return unzipModel(new Uint8Array(await (picked[0] as PickedFile).file.arrayBuffer()));
  }
  const files = new Map<string, Uint8Array>();
  for (const { path, file } of picked) {
    const clean = path.replace(/^\/+/, '');
    if (!isIgnoredModelPath(clean)) files.set(clean, new Uint8Array(await file.arrayBuffer()));
  }
  return stripWrapperFolder(files);
}

export interface ValidatedModel {
  files: Map<string, Uint8Array>;
  quantized: boolean;
  isTestModel: boolean;
  kind: Pick<ModelInfo, 'task' | 'entityTypes'>;
}

/** Throws an Error whose message says exactly what is wrong and what to do. */
export function validateModelFiles(files: Map<string, Uint8Array>, name: string): ValidatedModel {
  const check = checkModelFiles([...files.keys()]);
  if (!check.ok) throw new Error(`${name}: ${check.message}`);
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder().decode(files.get('config.json')));
  } catch {
    throw new Error(`${name}: config.json is not valid JSON.`);
  }
  const described = describeModelConfig(config);
  if (!described.ok) throw new Error(`${name}: ${described.message}`);
  const onnx = files.get(check.onnxFile) as Uint8Array;
  const unsupported = checkOnnxSupported(readOnnxHeader(onnx));
  if (unsupported) throw new Error(`${name}: ${unsupported}`);
  return { files, quantized: check.quantized, isTestModel: isTestModelConfig(config), kind: modelKind(config) };
}

export function modelRowFor(id: string, name: string, validated: ValidatedModel, now = Date.now()): ModelRow {
  const sizeBytes = [...validated.files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
  return { id, name, source: 'imported', origin: validated.isTestModel ? `test:${name}` : name, sizeBytes, quantized: validated.quantized, addedAt: now };
}
