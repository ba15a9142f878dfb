import type { ErrorText } from '../lib/error-text.js';
import { InlineText } from './InlineText.js';

/** An error in plain words: what happened, what to do next, then the client's own message. */
export function ErrorNotice({ error }: { error: ErrorText }) {
  return (
    <div className="error-notice" role="alert">
      <p className="error-title">{error.title}</p>
      <p className="error-next">
        <strong>What to do: </strong>
        <InlineText text={error.next} />
      </p>
      <details>
        <summary>
          Details ({error.kind}
          {error.httpStatus !== undefined ? `, HTTP ${error.httpStatus}` : ''}
          {error.code !== undefined ? `, code ${String(error.code)}` : ''})
        </summary>
        <p className="error-detail">{error.detail}</p>
      </details>
    </div>
  );
}
