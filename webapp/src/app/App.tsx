import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppContext, type App as AppT, type MapOptions } from './context';
import { Login } from './Login';
import { Sidebar } from './Sidebar';
import { MapView } from '../map/MapView';
import { FeedStore } from '../state/store';
import { LiveConnection } from '../state/connection';
import { Replay } from '../state/replay';
import { WindowLayer } from '../windows/WindowLayer';
import { LAYOUT_KEY, clampToViewport, closeWindow, focusWindow, moveWindow, openWindow, parseLayout, retargetWindow, windowId, type WindowBox } from '../windows/layout';
import { windowType } from '../windows/registry';
import { getJson, postJson } from '../api';

const OPTIONS_KEY = 'overlord.map.v1';
const THEME_KEY = 'overlord.theme';

function loadOptions(): MapOptions {
  const d: MapOptions = { trails: true, portals: true, heatmapHours: 0, image: null, names: false, towns: true };
  try { return { ...d, ...JSON.parse(localStorage.getItem(OPTIONS_KEY) ?? '{}') }; } catch { return d; }
}

export function App() {
  const [user, setUser] = useState<string | null | undefined>(undefined);
  const [theme, setTheme] = useState(() => localStorage.getItem(THEME_KEY) ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  useEffect(() => { document.documentElement.dataset.theme = theme; localStorage.setItem(THEME_KEY, theme); }, [theme]);
  useEffect(() => { getJson<{ username: string }>('me').then((r) => setUser(r.username), () => setUser(null)); }, []);
  if (user === undefined) return <p className="muted" style={{ padding: '1rem' }}>Loading…</p>;
  if (user === null) return <Login onLogin={setUser} />;
  return <Shell user={user} onLogout={() => setUser(null)} theme={theme} toggleTheme={() => setTheme(theme === 'dark' ? 'light' : 'dark')} />;
}

function Shell({ user, onLogout, theme, toggleTheme }: { user: string; onLogout: () => void; theme: string; toggleTheme: () => void }) {
  const [windows, setWindows] = useState<WindowBox[]>(() => parseLayout(localStorage.getItem(LAYOUT_KEY), (t) => !!windowType(t))
    .map((b) => clampToViewport(b, { w: innerWidth, h: innerHeight })));
  const [mapOptions, setMapOptionsState] = useState(loadOptions);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  useEffect(() => { localStorage.setItem(LAYOUT_KEY, JSON.stringify(windows)); }, [windows]);
  const setMapOptions = useCallback((o: MapOptions) => { setMapOptionsState(o); localStorage.setItem(OPTIONS_KEY, JSON.stringify(o)); }, []);

  const core = useMemo(() => {
    const store = new FeedStore();
    const conn = new LiveConnection(store, onLogout);
    return { store, conn, replay: new Replay(), mapFocus: { current: null as ((c: string) => void) | null } };
  }, []);
  useEffect(() => {
    // Alert history (acknowledged, cleared) on every (re)connect and now and then; live alerts
    // arrive on the socket. A server without alerts answers 404: nothing to fold in.
    const load = () => getJson<{ alerts: unknown[] }>('alerts?limit=200')
      .then((r) => core.store.push({ type: 'alert_history', alerts: r.alerts ?? [] }), () => {});
    let was = core.conn.state;
    const off = core.conn.subscribe(() => { if (core.conn.state === 'live' && was !== 'live') load(); was = core.conn.state; });
    const t = setInterval(load, 60_000);
    return () => { off(); clearInterval(t); };
  }, [core]);
  useEffect(() => {
    core.conn.start();
    // For the browser tests and the curious: the live state, read-only by convention.
    (window as unknown as { __overlord: typeof core }).__overlord = core;
    return () => core.conn.stop();
  }, [core]);

  const open = useCallback((type: string, character?: string) => {
    const t = windowType(type);
    if (!t) return;
    setWindows((ws) => openWindow(ws, type, character, t.size, { w: innerWidth, h: innerHeight }));
    setSidebarOpen(false);
  }, []);
  const retarget = useCallback((type: string, from: string, to: string) => {
    setWindows((ws) => retargetWindow(ws, windowId(type, from), to));
  }, []);
  const focusOnMap = useCallback((c: string) => core.mapFocus.current?.(c), [core]);
  const app: AppT = { ...core, user, open, retarget, focusOnMap, mapOptions, setMapOptions };
  const logout = async () => { await postJson('logout', {}).catch(() => {}); core.conn.stop(); onLogout(); };
  return (
    <AppContext.Provider value={app}>
      <div className="shell">
        <Sidebar user={user} onLogout={logout} theme={theme} toggleTheme={toggleTheme} open={sidebarOpen} onClose={() => setSidebarOpen(false)} />
        <main className="stage">
          <button className="open-sidebar" onClick={() => setSidebarOpen(true)} aria-label="Show characters">☰</button>
          <MapView />
          <WindowLayer
            windows={windows}
            onMove={(id, p) => setWindows((ws) => moveWindow(ws, id, p))}
            onClose={(id) => setWindows((ws) => closeWindow(ws, id))}
            onFocus={(id) => setWindows((ws) => focusWindow(ws, id))}
          />
        </main>
      </div>
    </AppContext.Provider>
  );
}
