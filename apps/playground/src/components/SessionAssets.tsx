import { TARGET_LABELS } from '../lib/targets.js';
import type { SessionAsset } from '../state/session-assets.js';
import { CopyButton } from './CopyButton.js';
import { StatusBadge } from './StatusBadge.js';

export function SessionAssets({
  assets,
  onSelect,
}: {
  assets: SessionAsset[];
  onSelect: (assetId: string) => void;
}) {
  return (
    <section className="panel" aria-labelledby="session-title">
      <h2 id="session-title">Assets created in this session</h2>
      {assets.length === 0 ? (
        <p className="muted">None yet. Upload something and it appears here (this tab only).</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Target</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assets.map((asset) => (
                <tr key={asset.assetId}>
                  <td>
                    <code>{asset.assetId}</code>
                    {asset.name ? <div className="muted small">{asset.name}</div> : null}
                  </td>
                  <td>{asset.assetType}</td>
                  <td>
                    <StatusBadge status={asset.status} />
                  </td>
                  <td className="small">{TARGET_LABELS[asset.target]}</td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => onSelect(asset.assetId)}
                      >
                        Select
                      </button>
                      <CopyButton text={asset.ref} label="Copy ref" />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
