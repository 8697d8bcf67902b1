// Hands a finished file to the user: the File System Access save dialog where the browser has one, else a download.

interface SaveFilePickerOptions {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}
interface WritableFile {
  write(data: Blob): Promise<void>;
  close(): Promise<void>;
}
interface SaveFileHandle {
  createWritable(): Promise<WritableFile>;
}
type SaveFilePicker = (options: SaveFilePickerOptions) => Promise<SaveFileHandle>;

export type SaveOutcome = 'saved' | 'downloaded' | 'cancelled';

export async function saveFile(fileName: string, blob: Blob, description: string): Promise<SaveOutcome> {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (picker) {
    const extension = fileName.slice(fileName.lastIndexOf('.'));
    try {
      const handle = await picker({ suggestedName: fileName, types: [{ description, accept: { [blob.type]: [extension] } }] });
      const writable = await handle.createWritable();
      await writable.write(blob);
      await writable.close();
      return 'saved';
    } catch (error) {
      if ((error as Error).name === 'AbortError') return 'cancelled';
      // Some embedded browsers expose the picker but refuse it (e.g. cross-origin frames): a download still works.
    }
  }
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'downloaded';
}
