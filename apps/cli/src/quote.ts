/** Shortens user input before quoting it back in a message, so one bad value stays one line. */
export function quote(value: string): string {
  const short = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(short);
}
