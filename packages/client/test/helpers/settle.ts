/** Observes a promise without letting its rejection go unhandled while fake time advances. */
export function settle<T>(promise: Promise<T>): {
  readonly done: boolean;
  result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;
} {
  const state = { done: false };
  const result = promise.then(
    (value) => {
      state.done = true;
      return { ok: true as const, value };
    },
    (error: unknown) => {
      state.done = true;
      return { ok: false as const, error };
    },
  );
  return {
    get done() {
      return state.done;
    },
    result,
  };
}

/** The error a settled promise rejected with, or a test failure if it resolved. */
export async function rejection(settled: ReturnType<typeof settle>): Promise<unknown> {
  const outcome = await settled.result;
  if (outcome.ok) throw new Error('expected a rejection');
  return outcome.error;
}
