/** Lower-case, ASCII-safe piece of a file name; never empty. */
export function fileNamePart(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug === '' ? 'untitled' : slug;
}

/** Files carry project, annotator and date, so a coordinator's folder of returns sorts and explains itself. */
export function exportFileName(project: string, annotator: string, date: Date, extension: string): string {
  const day = date.toISOString().slice(0, 10);
  return `${fileNamePart(project)}_${fileNamePart(annotator)}_${day}.${extension}`;
}
