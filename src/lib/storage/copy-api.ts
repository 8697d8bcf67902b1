// The contract between the page and the worker that keeps the second copy (see copy-format.ts): both sides import it.

export interface CopyApi {
  /** Appends to this tab's journal and flushes it to disk; rejects when the disk has no room for it. */
  append(lines: string): Promise<void>;
  /** Replaces the device record (the older of its two files). */
  writeDevice(text: string): Promise<void>;
  /** Both device record files that exist; the reader keeps the later readable one. */
  readDevice(): Promise<string[]>;
  /** The highest revision over every journal's last lines, without reading the journals whole. */
  lastRevision(): Promise<number>;
  /** Every journal this tab can read; one another tab is appending to right now is left out (it is locked). */
  readJournals(): Promise<string[]>;
  /** Folds the journals of tabs long closed into one file once there are many (a file per tab adds up). */
  compact(): Promise<void>;
}

/** The folder in the origin private file system that holds the copy. */
export const COPY_FOLDER = 'second-copy';
