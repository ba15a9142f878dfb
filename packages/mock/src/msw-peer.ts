// msw is an optional peer dependency: the standalone server (`kyy mock`, `kyy-mock`) never loads
// it, so installing the CLI does not pull it in. The entries that hand out msw objects load it
// through here, so that its absence is reported as the install to run, not as a resolver error.

/** What to run when msw is missing; the peer range in package.json says which versions fit. */
export const MSW_INSTALL = 'npm install --save-dev msw';

/** Node's answer to an import of a package that is not installed. */
function isMissingPackage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' && /['"]msw['"/]/.test(String((error as Error).message));
}

export class MswMissingError extends Error {
  override readonly name = 'MswMissingError';
  constructor(what: string, cause?: unknown) {
    super(
      `${what} needs msw, an optional peer dependency of @kyyvideo/mock that is not installed. Install it beside the mock (${MSW_INSTALL}); the standalone server (@kyyvideo/mock/server, kyy mock) works without it.`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** Loads an msw entry for `what`, or throws {@link MswMissingError} when msw is not installed. */
export async function importMsw<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw isMissingPackage(error) ? new MswMissingError(what, error) : error;
  }
}

/** Like {@link importMsw}, but a missing msw gives `undefined` (for an entry that works without it). */
export async function importMswIfInstalled<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error)) return undefined;
    throw error;
  }
}
