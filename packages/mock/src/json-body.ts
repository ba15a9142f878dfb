/** A request body read as JSON, or the sentence saying what to send instead. */
export type JsonBody = { ok: true; body: unknown } | { ok: false; msg: string };

/** Parses a request body; an empty or malformed one gets a message that shows `example`. */
export function parseJsonBody(text: string, example: string): JsonBody {
  if (text.trim() === '') {
    return { ok: false, msg: `The request body is empty: send a JSON body like ${example}.` };
  }
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'parse error';
    return {
      ok: false,
      msg: `The request body is not valid JSON (${reason}): send a JSON body like ${example}.`,
    };
  }
}
