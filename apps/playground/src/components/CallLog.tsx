import type { CallRecord } from '../state/calls.js';
import { CallCard } from './CallCard.js';

export function CallLog({ calls, onClear }: { calls: CallRecord[]; onClear: () => void }) {
  return (
    <section className="panel log" aria-labelledby="log-title" id="call-log">
      <div className="panel-head">
        <h2 id="log-title">Calls</h2>
        <button type="button" className="secondary" onClick={onClear} disabled={calls.length === 0}>
          Clear finished
        </button>
      </div>
      {calls.length === 0 ? (
        <p className="muted">
          Every call you make appears here, newest first: HTTP status, envelope, time taken and the
          equivalent curl command.
        </p>
      ) : (
        calls.map((call) => <CallCard key={call.id} call={call} />)
      )}
    </section>
  );
}
