// Command audit: every command a browser sent to a plugin (GET /audit/commands), newest first,
// a page at a time, filtered by character.
import { useEffect, useState } from 'react';
import { useFeed } from '../../app/context';
import { HttpError, getJson } from '../../api';

interface Entry { id: number; at: string; user: string; character_name: string; command: string; delivered: boolean; session_id: string | null; client_address: string }
interface Page { commands: Entry[]; next_before: number | null }

export default function Audit() {
  const feed = useFeed();
  const [who, setWho] = useState('');
  const [rows, setRows] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'absent' | 'error'>('loading');
  const [error, setError] = useState('');
  const load = (before: number | null) => {
    const q = new URLSearchParams({ limit: '50' });
    if (who) q.set('character', who);
    if (before !== null) q.set('before', String(before));
    return getJson<Page>(`audit/commands?${q}`).then((p) => {
      const page = p.commands ?? [];
      setRows((r) => {
        const seen = new Set((before !== null ? r : []).map((e) => e.id));
        return [...(before !== null ? r : []), ...page.filter((e) => !seen.has(e.id))];
      });
      setNext(p.next_before ?? null);
      setStatus('ready');
      setError('');
    }, (e) => {
      if (e instanceof HttpError && e.status === 404) setStatus('absent');
      else { setStatus('error'); setError(String(e.message ?? e)); }
    });
  };
  useEffect(() => { setStatus('loading'); load(null); }, [who]);
  const names = [...new Set([...Object.keys(feed.characters), ...rows.map((r) => r.character_name)])].sort();
  return (
    <div>
      <div className="row">
        <label>Character <select value={who} onChange={(e) => setWho(e.target.value)} aria-label="Character"><option value="">all</option>{names.map((n) => <option key={n}>{n}</option>)}</select></label>
        <button onClick={() => { setStatus('loading'); load(null); }}>Refresh</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {rows.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          {status === 'loading' ? 'Loading…' : status === 'absent' ? 'No command audit on this server.' : 'No commands sent yet.'}
        </p>
      ) : (
        <table data-testid="audit">
          <thead><tr><th>When</th><th>User</th><th>Character</th><th>Command</th><th>Delivered</th><th>From</th></tr></thead>
          <tbody>{rows.map((e) => (
            <tr key={e.id}>
              <td title={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</td><td>{e.user}</td><td>{e.character_name}</td>
              <td><code>{e.command}</code></td><td>{e.delivered ? 'yes' : 'no'}</td><td className="muted">{e.client_address}</td>
            </tr>))}
          </tbody>
        </table>
      )}
      {next !== null && rows.length > 0 && <div className="row"><button onClick={() => load(next)}>Older</button></div>}
    </div>
  );
}
