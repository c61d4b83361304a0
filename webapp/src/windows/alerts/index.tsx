// Alerts: the history from GET /alerts and live `alert` messages, newest first; acknowledge;
// filter by character. Cleared alerts (an idle character active again) are greyed.
import { useEffect, useMemo, useState } from 'react';
import { useApp, useFeed } from '../../app/context';
import { HttpError, enc, getJson, postJson } from '../../api';
import { alertTime, mergeAlerts, toAlert, type Alert } from '../../state/feed';
import { ago } from '../../app/Bars';

interface Page { alerts: unknown[]; next_before: string | null }

export default function Alerts() {
  const { store } = useApp();
  const feed = useFeed();
  const [who, setWho] = useState('');
  const [older, setOlder] = useState<Alert[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'absent' | 'error'>('loading');
  const [error, setError] = useState('');
  // While the pointer is over the list, rows stay where they are (a new alert would push the row
  // being clicked down): new ones wait, counted, until it leaves or the count is clicked.
  const [held, setHeld] = useState<ReadonlySet<string> | null>(null);

  const load = (before: string | null) => {
    const q = new URLSearchParams({ limit: '100' });
    if (who) q.set('character', who);
    if (before) q.set('before', before);
    return getJson<Page>(`alerts?${q}`).then((p) => {
      const rows = (p.alerts ?? []).map(toAlert).filter((a): a is Alert => a !== null);
      setOlder((o) => mergeAlerts(before ? o : [], rows, 'history'));
      setNext(p.next_before ?? null);
      setStatus('ready');
    }, (e) => {
      if (e instanceof HttpError && e.status === 404) setStatus('absent');
      else { setStatus('error'); setError(String(e.message ?? e)); }
    });
  };
  useEffect(() => { setStatus('loading'); setHeld(null); load(null); }, [who]);

  // The live ones (and whatever the app loaded) over this window's pages, one row per id.
  const rows = useMemo(() => {
    const all = mergeAlerts(older, feed.alerts, 'live');
    return who ? all.filter((a) => a.character_name === who) : all;
  }, [older, feed.alerts, who]);
  const hold = () => setHeld(new Set(rows.map((a) => a.id)));
  const shown = held ? rows.filter((a) => held.has(a.id)) : rows;
  const waiting = rows.length - shown.length;
  const names = [...new Set([...Object.keys(feed.characters), ...rows.map((a) => a.character_name).filter((n): n is string => !!n)])].sort();

  type Acked = { id: string; acknowledged_by: string; acknowledged_at: string };
  // A live alert is stored a moment after it shows (the read side follows the journal, and lags
  // further on a busy server): a 404 is asked again, a second apart, for up to half a minute.
  const acknowledge = (a: Alert, tries = 30): Promise<Acked> => postJson<Acked>(`alerts/${enc(a.id)}/ack`, {})
    .catch((e) => e instanceof HttpError && e.status === 404 && tries > 1
      ? new Promise<void>((done) => setTimeout(done, 1000)).then(() => acknowledge(a, tries - 1))
      : Promise.reject(e));
  const ack = (a: Alert) => acknowledge(a)
    .then((r) => {
      store.push({ type: 'alert_acked', id: a.id, acknowledged_by: r.acknowledged_by, acknowledged_at: r.acknowledged_at });
      setOlder((o) => o.map((x) => x.id === a.id ? { ...x, acknowledged_by: r.acknowledged_by, acknowledged_at: r.acknowledged_at } : x));
      setError('');
    }, (e) => setError(`acknowledge failed: ${e.message ?? e}`));

  return (
    <div>
      <div className="row">
        <label>Character <select value={who} onChange={(e) => setWho(e.target.value)} aria-label="Character"><option value="">all</option>{names.map((n) => <option key={n}>{n}</option>)}</select></label>
        <span className="muted" data-testid="alerts-count">{shown.length} alerts</span>
        {waiting > 0 && <button className="linklike" data-testid="alerts-waiting" onClick={hold}>{waiting} new</button>}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {shown.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {status === 'loading' ? 'Loading…' : status === 'absent' ? 'No alerts: this server keeps no alert history.' : 'No alerts.'}
        </p>
      ) : (
        <table data-testid="alerts" onMouseEnter={hold} onMouseLeave={() => setHeld(null)}>
          <thead><tr><th>When</th><th>Kind</th><th>Character</th><th>Alert</th><th>Acknowledged</th></tr></thead>
          <tbody>{shown.map((a) => (
            <tr key={a.id} className={a.cleared_at ? 'cleared' : ''} data-id={a.id} data-kind={a.kind} data-severity={a.severity} aria-label={`${a.kind} alert${a.cleared_at ? ', cleared' : ''}`}>
              <td title={a.timestamp}>{ago(alertTime(a))} ago</td>
              <td><span className={`kind ${a.kind}`}>{a.kind.replace('_', ' ')}</span></td>
              <td>{a.character_name ?? '–'}</td>
              <td><strong>{a.title}</strong>{a.message && a.message !== a.title ? <> · {a.message}</> : null}{a.cleared_at ? <span className="muted"> (cleared)</span> : null}</td>
              <td>{a.acknowledged_by ? <span title={a.acknowledged_at ?? ''}>{a.acknowledged_by}</span> : <button onClick={() => ack(a)} aria-label={`Acknowledge ${a.title}`}>Ack</button>}</td>
            </tr>))}
          </tbody>
        </table>
      )}
      {next && <div className="row"><button onClick={() => load(next)}>Older</button></div>}
    </div>
  );
}
