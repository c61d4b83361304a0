// The map: one canvas, redrawn at most once per animation frame and only when something changed.
// Pan and zoom touch only a ref, never React state.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApp, useFeed } from '../app/context';
import { getJson } from '../api';
import { position } from '../state/feed';
import { STATES, alertFlags, characterState, type CharacterState } from '../state/status';
import { clampScale, fitView, formatCoords, formatEw, formatNs, gridStep, hitTest, imageRect, pan, toMap, toScreen, zoomAt, type View } from './transform';
import { TOWNS } from './towns';

interface Cell { ew: number; ns: number; count: number }
interface Trail { character_name: string; points: Array<{ ew: number; ns: number }> }
interface Portal { portal_name: string; ew: number; ns: number }

declare global {
  interface Window { __overlordPerf?: MapPerf }
}

/** What the last frame drew, for the browser tests and the curious. */
interface MapPerf {
  draws: number[];
  dots: number;
  /** Character names drawn beside dots. */
  labels: number;
  /** Towns drawn. */
  towns: number;
  byState: Partial<Record<CharacterState, number>>;
  view?: View;
}

/** How each state is drawn: the legend shows the same shapes. */
const STYLE: Record<CharacterState, { colour: string; shape: 'circle' | 'triangle' | 'square' | 'cross' }> = {
  online: { colour: '#2ecc40', shape: 'circle' },
  combat: { colour: '#ff5722', shape: 'triangle' },
  idle: { colour: '#f5b700', shape: 'square' },
  dead: { colour: '#d50000', shape: 'cross' },
  offline: { colour: '#888888', shape: 'circle' },
};
const TOWN_COLOUR = '#8d6e63';

function shapePath(ctx: CanvasRenderingContext2D | Path2D, shape: string, x: number, y: number, r: number) {
  switch (shape) {
    case 'triangle': ctx.moveTo(x, y - r - 1); ctx.lineTo(x + r + 1, y + r); ctx.lineTo(x - r - 1, y + r); ctx.closePath(); break;
    case 'square': ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y - r); ctx.lineTo(x + r, y + r); ctx.lineTo(x - r, y + r); ctx.closePath(); break;
    case 'cross': ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); break;
    default: ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}

export function MapView() {
  const app = useApp();
  const { store, replay, mapOptions } = app;
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useRef<View | null>(null);
  const dirty = useRef(true);
  const data = useRef<{ trails: Trail[]; portals: Portal[]; heat: { bin: number; cells: Cell[] } }>({ trails: [], portals: [], heat: { bin: 1, cells: [] } });
  const hits = useRef<{ pts: Array<[number, number]>; names: string[] }>({ pts: [], names: [] });
  const opts = useRef(mapOptions);
  const image = useRef<HTMLImageElement | null>(null);
  const [cursor, setCursor] = useState('');
  /** A character the map was just centred on, ringed until `until`. */
  const focused = useRef<{ name: string; until: number } | null>(null);

  opts.current = mapOptions;
  useEffect(() => { dirty.current = true; }, [mapOptions]);

  useEffect(() => {
    if (!mapOptions.image?.url) { image.current = null; return; }
    const img = new Image();
    img.onload = () => { image.current = img; dirty.current = true; };
    img.src = mapOptions.image.url;
  }, [mapOptions.image?.url]);

  // Trails and portals from the API, refreshed now and then; live points fill in between.
  useEffect(() => {
    let alive = true;
    const load = () => {
      getJson<{ trails: Trail[] }>('trails?minutes=10&points=100').then((r) => { if (alive) { data.current.trails = r.trails; dirty.current = true; } }, () => {});
      getJson<{ portals: Portal[] }>('portals').then((r) => { if (alive) { data.current.portals = r.portals; dirty.current = true; } }, () => {});
    };
    load();
    const t = setInterval(load, 30_000);
    return () => { alive = false; clearInterval(t); };
  }, []);

  useEffect(() => {
    const hours = mapOptions.heatmapHours;
    if (!hours) { data.current.heat = { bin: 1, cells: [] }; dirty.current = true; return; }
    let alive = true;
    const load = () => getJson<{ bin: number; cells: Cell[] }>(`spawns/heatmap?hours=${hours}&bin=1&limit=5000`)
      .then((r) => { if (alive) { data.current.heat = r; dirty.current = true; } }, () => {});
    load();
    const t = setInterval(load, 60_000);
    return () => { alive = false; clearInterval(t); };
  }, [mapOptions.heatmapHours]);

  useEffect(() => {
    const c = canvas.current!;
    const ctx = c.getContext('2d')!;
    let raf = 0, lastVersion = -1, lastReplay = -1;
    const perf: MapPerf = (window.__overlordPerf = { draws: [], dots: 0, labels: 0, towns: 0, byState: {} });
    app.mapFocus.current = (name: string) => {
      const p = position(store.state.characters[name]?.telemetry);
      if (!p || !view.current) return;
      view.current = { ew: p.ew, ns: p.ns, scale: clampScale(Math.max(view.current.scale, 25)) };
      focused.current = { name, until: Date.now() + 4000 };
      dirty.current = true;
    };
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(c.clientWidth * dpr);
      c.height = Math.round(c.clientHeight * dpr);
      if (!view.current) view.current = fitView(c.clientWidth, c.clientHeight);
      dirty.current = true;
    };
    const ro = new ResizeObserver(resize);
    ro.observe(c);
    resize();
    const frame = (now: number) => {
      raf = requestAnimationFrame(frame);
      replay.tick(now);
      if (store.version !== lastVersion || replay.version !== lastReplay || focused.current) dirty.current = true;
      if (focused.current && Date.now() > focused.current.until) focused.current = null;
      if (!dirty.current) return;
      const t0 = performance.now();
      lastVersion = store.version;
      lastReplay = replay.version;
      dirty.current = false;
      draw(ctx, c);
      perf.draws.push(performance.now() - t0);
      if (perf.draws.length > 600) perf.draws.splice(0, 300);
    };
    raf = requestAnimationFrame(frame);
    return () => { cancelAnimationFrame(raf); ro.disconnect(); app.mapFocus.current = null; };
  }, []);

  function draw(ctx: CanvasRenderingContext2D, c: HTMLCanvasElement) {
    const dpr = window.devicePixelRatio || 1, w = c.clientWidth, h = c.clientHeight, v = view.current!;
    const css = getComputedStyle(c);
    const fg = css.getPropertyValue('--map-fg') || '#888', grid = css.getPropertyValue('--map-grid') || '#8884';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const o = opts.current;
    if (o.image && image.current) {
      const r = imageRect(v, w, h, o.image);
      ctx.globalAlpha = 0.9;
      ctx.drawImage(image.current, r.x, r.y, r.w, r.h);
      ctx.globalAlpha = 1;
    }
    // Grid with labels.
    const step = gridStep(v.scale);
    const [ew0, ns1] = toMap(v, w, h, 0, 0), [ew1, ns0] = toMap(v, w, h, w, h);
    ctx.strokeStyle = grid;
    ctx.fillStyle = fg;
    ctx.lineWidth = 1;
    ctx.font = '11px system-ui, sans-serif';
    ctx.beginPath();
    for (let e = Math.ceil(ew0 / step) * step; e <= ew1; e += step) {
      const [x] = toScreen(v, w, h, e, 0);
      ctx.moveTo(Math.round(x) + 0.5, 0); ctx.lineTo(Math.round(x) + 0.5, h);
    }
    for (let n = Math.ceil(ns0 / step) * step; n <= ns1; n += step) {
      const [, y] = toScreen(v, w, h, 0, n);
      ctx.moveTo(0, Math.round(y) + 0.5); ctx.lineTo(w, Math.round(y) + 0.5);
    }
    ctx.stroke();
    for (let e = Math.ceil(ew0 / step) * step; e <= ew1; e += step) ctx.fillText(formatEw(e), toScreen(v, w, h, e, 0)[0] + 3, 12);
    for (let n = Math.ceil(ns0 / step) * step; n <= ns1; n += step) ctx.fillText(formatNs(n), 3, toScreen(v, w, h, 0, n)[1] - 3);

    // Spawn heatmap.
    const heat = data.current.heat;
    if (o.heatmapHours && heat.cells.length) {
      const max = heat.cells.reduce((m, c2) => Math.max(m, c2.count), 1), size = heat.bin * v.scale;
      for (const cell of heat.cells) {
        const [x, y] = toScreen(v, w, h, cell.ew, cell.ns + heat.bin);
        ctx.fillStyle = `rgba(255, 80, 0, ${0.15 + 0.6 * (cell.count / max)})`;
        ctx.fillRect(x, y, Math.max(1, size), Math.max(1, size));
      }
    }
    let townsDrawn = 0;
    if (o.towns) {
      ctx.fillStyle = TOWN_COLOUR;
      ctx.strokeStyle = TOWN_COLOUR;
      ctx.font = '600 11px system-ui, sans-serif';
      for (const t of TOWNS) {
        const [x, y] = toScreen(v, w, h, t.ew, t.ns);
        if (x < -60 || y < -20 || x > w + 60 || y > h + 20) continue;
        townsDrawn++;
        ctx.fillRect(x - 3, y - 3, 6, 6);
        ctx.fillText(v.scale > 8 ? `${t.name} ${formatCoords(t.ew, t.ns)}` : t.name, x + 5, y + 12);
      }
      ctx.font = '11px system-ui, sans-serif';
    }
    const replaying = replay.active;
    const feed = store.state;
    // Trails: the loaded ones, then the live points since.
    if (o.trails && !replaying) {
      ctx.strokeStyle = 'rgba(80, 160, 255, 0.45)';
      ctx.beginPath();
      const loaded = new Set<string>();
      for (const t of data.current.trails) {
        loaded.add(t.character_name);
        t.points.forEach((p, i) => { const [x, y] = toScreen(v, w, h, p.ew, p.ns); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
        for (const p of feed.trails[t.character_name] ?? []) { const [x, y] = toScreen(v, w, h, p[0], p[1]); ctx.lineTo(x, y); }
      }
      // Characters that appeared after the last /trails load: their live points only.
      for (const [name, pts] of Object.entries(feed.trails)) {
        if (loaded.has(name)) continue;
        pts.forEach((p, i) => { const [x, y] = toScreen(v, w, h, p[0], p[1]); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
      }
      ctx.stroke();
    }
    if (o.portals && !replaying) {
      ctx.fillStyle = '#b04cff';
      const seen = new Set<string>();
      for (const p of [...feed.portals as unknown as Portal[], ...data.current.portals]) {
        const k = `${p.portal_name}@${p.ew},${p.ns}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const [x, y] = toScreen(v, w, h, Number(p.ew), Number(p.ns));
        if (x < -5 || y < -5 || x > w + 5 || y > h + 5) continue;
        ctx.beginPath(); ctx.moveTo(x, y - 5); ctx.lineTo(x + 4, y); ctx.lineTo(x, y + 5); ctx.lineTo(x - 4, y); ctx.fill();
        if (v.scale > 20) ctx.fillText(p.portal_name, x + 6, y + 4);
      }
    }
    // Character dots, in one path per state: its colour and shape.
    const pts: Array<[number, number]> = [], names: string[] = [];
    const now = Date.now();
    const byState: Record<CharacterState, Array<[number, number]>> = { online: [], combat: [], idle: [], dead: [], offline: [] };
    if (replaying) {
      for (const [name, p] of Object.entries(replay.positions)) {
        const s = toScreen(v, w, h, p.ew, p.ns); pts.push(s); names.push(name);
      }
      ctx.fillStyle = '#f0a020';
      ctx.beginPath();
      for (const [x, y] of pts) shapePath(ctx, 'circle', x, y, 4);
      ctx.fill();
    } else {
      const flags = alertFlags(feed.alerts);
      for (const ch of Object.values(feed.characters)) {
        const p = position(ch.telemetry);
        if (!p) continue;
        const s = toScreen(v, w, h, p.ew, p.ns);
        pts.push(s); names.push(ch.name);
        byState[characterState(ch, flags, now)].push(s);
      }
      for (const st of ['offline', 'online', 'combat', 'idle', 'dead'] as const) {
        const { colour, shape } = STYLE[st];
        ctx.beginPath();
        for (const [x, y] of byState[st]) shapePath(ctx, shape, x, y, 4);
        if (shape === 'cross') { ctx.strokeStyle = colour; ctx.lineWidth = 2.5; ctx.stroke(); ctx.lineWidth = 1; } else { ctx.fillStyle = colour; ctx.fill(); }
      }
    }
    const f = focused.current;
    if (f) {
      const i = names.indexOf(f.name);
      if (i >= 0) { ctx.strokeStyle = '#1565c0'; ctx.lineWidth = 2; ctx.beginPath(); ctx.arc(pts[i][0], pts[i][1], 10, 0, Math.PI * 2); ctx.stroke(); ctx.lineWidth = 1; }
    }
    let labels = 0;
    if (o.names || v.scale > 8) {
      ctx.fillStyle = fg;
      pts.forEach(([x, y], i) => { if (x > 0 && y > 0 && x < w && y < h) { ctx.fillText(names[i], x + 6, y - 6); labels++; } });
    }
    hits.current = { pts, names };
    const perf = window.__overlordPerf;
    if (perf) {
      perf.dots = pts.length;
      perf.labels = labels;
      perf.towns = townsDrawn;
      perf.byState = Object.fromEntries(Object.entries(byState).map(([k, l]) => [k, l.length]));
      perf.view = v;
    }
  }

  // Pointer: drag pans, a click on a dot opens the character, the wheel zooms.
  const drag = useRef<{ x: number; y: number; moved: boolean; id: number } | null>(null);
  const rel = (e: { clientX: number; clientY: number }) => {
    const r = canvas.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  const size = () => [canvas.current!.clientWidth, canvas.current!.clientHeight] as const;
  const setView = (nv: View) => { view.current = nv; dirty.current = true; };

  return (
    <div className="map">
      <canvas
        ref={canvas}
        tabIndex={0}
        role="application"
        aria-label="Map of Dereth. Arrow keys pan, plus and minus zoom, 0 resets."
        data-testid="map"
        onPointerDown={(e) => { drag.current = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId }; canvas.current!.setPointerCapture(e.pointerId); }}
        onPointerMove={(e) => {
          const [x, y] = rel(e), [w, h] = size();
          const [ew, ns] = toMap(view.current!, w, h, x, y);
          setCursor(formatCoords(ew, ns));
          const d = drag.current;
          if (!d) return;
          const dx = e.clientX - d.x, dy = e.clientY - d.y;
          if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
          d.moved = true;
          d.x = e.clientX; d.y = e.clientY;
          setView(pan(view.current!, dx, dy));
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          if (d && !d.moved) {
            const [x, y] = rel(e);
            const i = hitTest(hits.current.pts, x, y, 10);
            if (i >= 0) app.open('character', hits.current.names[i]);
          }
        }}
        onWheel={(e) => { const [x, y] = rel(e), [w, h] = size(); setView(zoomAt(view.current!, w, h, x, y, e.deltaY < 0 ? 1.2 : 1 / 1.2)); }}
        onKeyDown={(e: KeyboardEvent) => {
          const [w, h] = size(), v = view.current!;
          const k: Record<string, () => View> = {
            ArrowLeft: () => pan(v, 60, 0), ArrowRight: () => pan(v, -60, 0), ArrowUp: () => pan(v, 0, 60), ArrowDown: () => pan(v, 0, -60),
            '+': () => zoomAt(v, w, h, w / 2, h / 2, 1.25), '=': () => zoomAt(v, w, h, w / 2, h / 2, 1.25),
            '-': () => zoomAt(v, w, h, w / 2, h / 2, 0.8), '0': () => fitView(w, h),
          };
          if (k[e.key]) { e.preventDefault(); setView(k[e.key]()); }
        }}
      />
      <div className="map-controls">
        <label><input type="checkbox" checked={mapOptions.trails} onChange={(e) => app.setMapOptions({ ...mapOptions, trails: e.target.checked })} /> Trails</label>
        <label><input type="checkbox" checked={mapOptions.portals} onChange={(e) => app.setMapOptions({ ...mapOptions, portals: e.target.checked })} /> Portals</label>
        <label title="Names beside every dot (otherwise only when zoomed in)"><input type="checkbox" checked={mapOptions.names} onChange={(e) => app.setMapOptions({ ...mapOptions, names: e.target.checked })} /> Names</label>
        <label><input type="checkbox" checked={mapOptions.towns} onChange={(e) => app.setMapOptions({ ...mapOptions, towns: e.target.checked })} /> Towns</label>
        <label>Spawns <select value={mapOptions.heatmapHours} onChange={(e) => app.setMapOptions({ ...mapOptions, heatmapHours: Number(e.target.value) })}>
          <option value={0}>off</option><option value={1}>1 h</option><option value={6}>6 h</option><option value={24}>24 h</option><option value={168}>7 d</option>
        </select></label>
        <span className="cursor" aria-live="off">{cursor}</span>
      </div>
      <Legend towns={mapOptions.towns} />
      {mapOptions.towns && (
        <ul className="sr-only" aria-label="Towns" data-testid="towns">
          {TOWNS.map((t) => <li key={t.name}>{t.name}, {formatCoords(t.ew, t.ns)}</li>)}
        </ul>
      )}
    </div>
  );
}

function Swatch({ shape, colour }: { shape: string; colour: string }) {
  const d = { circle: 'M11 7a4 4 0 1 1-8 0a4 4 0 1 1 8 0', triangle: 'M7 2L12 11H2Z', square: 'M3 3H11V11H3Z', cross: 'M3 3L11 11M11 3L3 11' }[shape];
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <path d={d} fill={shape === 'cross' ? 'none' : colour} stroke={shape === 'cross' ? colour : 'none'} strokeWidth="2.5" />
    </svg>
  );
}

/** What the shapes and colours mean, with how many characters are in each state now. */
function Legend({ towns }: { towns: boolean }) {
  const { replay } = useApp();
  const feed = useFeed();
  const now = Date.now();
  const flags = alertFlags(feed.alerts);
  const count: Partial<Record<CharacterState, number>> = {};
  for (const c of Object.values(feed.characters)) {
    const st = characterState(c, flags, now);
    count[st] = (count[st] ?? 0) + 1;
  }
  return (
    <ul className="map-legend" aria-label="Map legend" data-testid="map-legend" hidden={replay.active}>
      {STATES.map(({ state, label }) => (
        <li key={state} data-state={state}><Swatch shape={STYLE[state].shape} colour={STYLE[state].colour} /> {label} <span className="count">{count[state] ?? 0}</span></li>
      ))}
      {towns && <li data-state="town"><Swatch shape="square" colour={TOWN_COLOUR} /> Town</li>}
    </ul>
  );
}
