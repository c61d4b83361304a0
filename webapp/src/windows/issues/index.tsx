// Issues: what needs attention now, from the live state (see state/status.ts). A row centres the
// map on its character.
import { useEffect, useState } from 'react';
import { useApp, useFeed } from '../../app/context';
import { issues, type IssueKind } from '../../state/status';

const LABEL: Record<IssueKind, string> = { dead: 'dead', idle: 'idle', disconnected: 'disconnected', 'low-vitals': 'low vitals' };
const THRESHOLD_KEY = 'overlord.issues.low-vital';

export default function Issues() {
  const { focusOnMap, open } = useApp();
  const feed = useFeed();
  const [low, setLow] = useState(() => Number(localStorage.getItem(THRESHOLD_KEY)) || 30);
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const t = setInterval(() => setNow(Date.now()), 5000); return () => clearInterval(t); }, []);
  useEffect(() => { localStorage.setItem(THRESHOLD_KEY, String(low)); }, [low]);
  const rows = issues(feed, Math.max(now, Date.now() - 1000), low / 100);
  return (
    <div>
      <div className="row">
        <label>Low vitals under <input type="number" min={1} max={99} value={low} style={{ width: '4em' }} onChange={(e) => setLow(Math.max(1, Math.min(99, Number(e.target.value) || 30)))} aria-label="Low vitals threshold" /> %</label>
        <span className="muted" data-testid="issues-count">{rows.length} issues</span>
      </div>
      {rows.length === 0 ? <p className="muted" data-testid="issues-empty">Nothing needs attention.</p> : (
        <table data-testid="issues">
          <thead><tr><th>Issue</th><th>Character</th><th>Detail</th><th /></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={`${r.kind}:${r.character}`} data-kind={r.kind}>
              <td><span className={`kind ${r.kind}`}>{LABEL[r.kind]}</span></td>
              <td><button className="linklike" onClick={() => focusOnMap(r.character)} aria-label={`Show ${r.character} on the map`}>{r.character}</button></td>
              <td>{r.detail}</td>
              <td><button onClick={() => open('character', r.character)} aria-label={`Open ${r.character}`}>Open</button></td>
            </tr>))}
          </tbody>
        </table>
      )}
    </div>
  );
}
