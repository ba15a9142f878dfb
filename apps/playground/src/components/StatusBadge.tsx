import type { KnownStatus } from '../state/session-assets.js';

const CLASS: Record<KnownStatus, string> = {
  Processing: 'badge badge-processing',
  Active: 'badge badge-active',
  Failed: 'badge badge-failed',
  Deleted: 'badge badge-gone',
  'Not found': 'badge badge-gone',
  Unknown: 'badge badge-gone',
};

export function StatusBadge({ status }: { status: KnownStatus }) {
  return (
    <span className={CLASS[status]} data-status={status}>
      {status}
    </span>
  );
}
