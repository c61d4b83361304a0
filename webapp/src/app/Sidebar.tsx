import { useEffect, useState, useSyncExternalStore } from 'react';
import { useApp, useFeed } from './context';
import { isOnline, num, sidebarOrder } from '../state/feed';
import { VitalBars, ago } from './Bars';
import { WINDOW_TYPES } from '../windows/registry';
import { useJson } from './useJson';
import { duration } from '../state/status';

export function ConnectionBadge() {
  const { conn, store } = useApp();
  const state = useSyncExternalStore((l) => conn.subscribe(l), () => conn.state);
  // Only this flag: the badge need not render again for every batch of the feed.
  const thinning = useSyncExternalStore(store.subscribeUi, () => store.state.thinning);
  const label = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', 'logged-out': 'logged out' }[state];
  return (
    <>
      <span className={`badge ${state}`} role="status" aria-live="polite" data-testid="connection">{label}</span>
      {state === 'live' && thinning && (
        <span className="badge thinned" role="status" data-testid="thinned"
          title="This browser fell behind: until it catches up, it gets only each character's newest position and vitals (everything else still comes)">thinned</span>
      )}
    </>
  );
}

interface ServerHealth { server?: string; status?: string; players?: number | null; uptime_seconds?: number | null; latency_ms?: number | null; checked_at?: string | null }

/** The game server's status (GET /server-health, every 30 s): up, down or unknown, players, uptime. */
export function ServerHealthBadge() {
  const { data, missing } = useJson<ServerHealth>('server-health', 30_000);
  if (missing || !data) return null;
  const status = data.status === 'up' || data.status === 'down' ? data.status : 'unknown';
  const parts = [`${data.server ?? 'server'} ${status}`];
  if (typeof data.players === 'number') parts.push(`${data.players} players`);
  if (typeof data.uptime_seconds === 'number') parts.push(`up ${duration(data.uptime_seconds * 1000)}`);
  const title = [data.latency_ms != null ? `latency ${data.latency_ms} ms` : '', data.checked_at ? `checked ${data.checked_at}` : ''].filter(Boolean).join(', ');
  return <span className={`health-badge ${status}`} data-testid="server-health" data-status={status} title={title} role="status" aria-label={`Game server: ${parts.join(', ')}`}>{parts.join(' · ')}</span>;
}

export function Sidebar({ user, onLogout, theme, toggleTheme, open, onClose }: {
  user: string; onLogout: () => void; theme: string; toggleTheme: () => void; open: boolean; onClose: () => void;
}) {
  const app = useApp();
  const feed = useFeed();
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const t = setInterval(() => setNow(Date.now()), 5000); return () => clearInterval(t); }, []);
  const chars = sidebarOrder(feed, Math.max(now, Date.now() - 1000));
  const online = chars.filter((c) => isOnline(c, Date.now())).length;
  return (
    <aside className={`sidebar ${open ? 'open' : ''}`} aria-label="Characters and tools">
      <header>
        <strong>Overlord</strong> <ConnectionBadge /> <ServerHealthBadge />
        <button className="close-sidebar" onClick={onClose} aria-label="Hide sidebar">×</button>
      </header>
      <nav className="tools" aria-label="Windows">
        {WINDOW_TYPES.filter((t) => !t.perCharacter).map((t) => (
          <button key={t.type} onClick={() => app.open(t.type)} data-open={t.type}>{t.title}</button>
        ))}
      </nav>
      <h2 className="count">{online} online · {chars.length} known</h2>
      <ul className="chars" data-testid="character-list">
        {chars.map((c) => {
          const on = isOnline(c, Date.now());
          const kph = num(c.telemetry?.kills_per_hour);
          return (
            <li key={c.name} className={on ? 'online' : 'offline'}>
              <button onClick={() => app.open('character', c.name)} aria-label={`${c.name}, ${on ? 'online' : 'offline'}`}>
                <span className="name">{c.name}</span>
                <VitalBars vitals={c.vitals} />
                <span className="meta">{kph === undefined ? '–' : Math.round(kph)} k/h · {ago(c.lastSeen)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <footer>
        <span>{user}</span>
        <button onClick={toggleTheme} aria-label="Toggle theme">{theme === 'dark' ? 'Light' : 'Dark'} theme</button>
        <button onClick={onLogout}>Log out</button>
      </footer>
    </aside>
  );
}
