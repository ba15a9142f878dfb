import { MAX_QUOTED_LENGTH } from '@kyyvideo/contract/rules';

/** Shortens user input before quoting it back in a message, so one bad value stays one line. */
export function quote(value: string): string {
  const short = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
  return JSON.stringify(short);
}
