/**
 * A URL field as it should read: a paste often brings a space or line break at its ends, which
 * the field drops (the rules never trim: they check what is sent). A list keeps one item a line.
 */
export function tidyUrlField(text: string, multiple: boolean): string {
  if (!multiple) return text.trim();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
