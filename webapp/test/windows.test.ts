import { describe, expect, it } from 'vitest';
import { clampToViewport, closeWindow, focusWindow, moveWindow, openWindow, parseLayout } from '../src/windows/layout';
import { WINDOW_TYPES, windowType } from '../src/windows/registry';
import { advance } from '../src/state/replay';
import { BUCKETS, MAX_PAGES, bucketSeries, columnsToRows, loadHistory, statsResolution, type ColumnsPage } from '../src/windows/stats/series';

const vp = { w: 1280, h: 720 };
describe('window layout', () => {
  it('opens once per type and character, bringing an open one to the front', () => {
    let ws = openWindow([], 'chat', undefined, { w: 300, h: 200 }, vp);
    ws = openWindow(ws, 'character', 'A', { w: 300, h: 200 }, vp);
    ws = openWindow(ws, 'chat', undefined, { w: 300, h: 200 }, vp);
    expect(ws.map((b) => b.id)).toEqual(['chat', 'character:A']);
    expect(ws[0].z).toBeGreaterThan(ws[1].z);
  });
  it('moves, focuses, closes', () => {
    let ws = openWindow(openWindow([], 'chat', undefined, { w: 300, h: 200 }, vp), 'stats', undefined, { w: 300, h: 200 }, vp);
    ws = moveWindow(ws, 'chat', { x: 5, w: 400 });
    expect(ws[0]).toMatchObject({ x: 5, w: 400 });
    ws = focusWindow(ws, 'chat');
    expect(ws[0].z).toBeGreaterThan(ws[1].z);
    expect(closeWindow(ws, 'chat').map((b) => b.id)).toEqual(['stats']);
  });
  it('restores a saved layout, dropping unknown types and junk', () => {
    const raw = JSON.stringify([{ id: 'chat', type: 'chat', x: 1, y: 2, w: 300, h: 200, z: 1 }, { id: 'gone', type: 'gone', x: 1, y: 2, w: 3, h: 4, z: 1 }, { id: 'bad' }]);
    expect(parseLayout(raw, (t) => !!windowType(t)).map((b) => b.id)).toEqual(['chat']);
    expect(parseLayout('not json', () => true)).toEqual([]);
  });
  it('keeps windows reachable on a small screen', () => {
    expect(clampToViewport({ id: 'a', type: 'chat', x: 1200, y: 700, w: 900, h: 900, z: 1 }, { w: 390, h: 844 })).toMatchObject({ x: 310, w: 390 });
  });
  it('registers every window type once, each lazily loaded', () => {
    const types = WINDOW_TYPES.map((t) => t.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(['chat', 'stats', 'character', 'radar', 'combat', 'quests', 'dashboard', 'command', 'timetravel']));
  });
});

describe('replay and plots', () => {
  it('applies history rows up to the clock', () => {
    const rows = [0, 1000, 2000].map((t, i) => ({ t, row: { character_name: 'A', timestamp: '', ew: i, ns: i } }));
    const pos = {};
    expect(advance(rows, 0, 1500, pos)).toBe(2);
    expect(pos).toEqual({ A: { ew: 1, ns: 1 } });
  });
  it('sums the fleet per bucket from each character latest row', () => {
    const s = bucketSeries([
      { character_name: 'A', timestamp: '2026-01-01T00:00:10Z', kills_per_hour: 10, total_deaths: 1, rares_found: 0 },
      { character_name: 'A', timestamp: '2026-01-01T00:00:50Z', kills_per_hour: 20, total_deaths: 1, rares_found: 1 },
      { character_name: 'B', timestamp: '2026-01-01T00:00:30Z', kills_per_hour: 5, total_deaths: 0, rares_found: 2 },
    ], 60_000);
    expect(s).toEqual({ t: [Date.parse('2026-01-01T00:00:00Z') / 1000], kph: [25], deaths: [1], rares: [3] });
  });
});

describe('stats requests', () => {
  const columns = ['character_name', 'timestamp', 'ew', 'kills_per_hour', 'total_deaths', 'rares_found'];

  it('asks for about 240 rows per character and buckets on whole steps', () => {
    expect(statsResolution(3600)).toEqual({ step: 15, bucketMs: 60_000 });
    expect(statsResolution(6 * 3600)).toEqual({ step: 90, bucketMs: 90_000 });
    expect(statsResolution(24 * 3600)).toEqual({ step: 360, bucketMs: 360_000 });
    expect(statsResolution(7 * 24 * 3600)).toEqual({ step: 2520, bucketMs: 2_520_000 });
    expect(statsResolution(100)).toEqual({ step: 1, bucketMs: 60_000 });
    for (const w of [3600, 7 * 3600, 86_400, 604_800]) {
      const { step, bucketMs } = statsResolution(w);
      expect(step).toBe(Math.max(1, Math.floor(w / BUCKETS)));
      expect(bucketMs % (step * 1000)).toBe(0);
    }
  });

  it('turns columns into the rows the chart reads', () => {
    expect(columnsToRows({ columns, rows: [['A', '2026-01-01T00:00:10Z', 1.5, 20, null, 3]], next: null })).toEqual([
      { character_name: 'A', timestamp: '2026-01-01T00:00:10Z', ew: 1.5, kills_per_hour: 20, total_deaths: null, rares_found: 3 },
    ]);
  });

  it('asks with step and columns and follows next', async () => {
    const asked: string[] = [];
    const pages: ColumnsPage[] = [
      { columns, rows: [['A', '2026-01-01T00:00:10Z', 0, 10, 1, 0]], next: 'c1' },
      { columns, rows: [['B', '2026-01-01T00:00:20Z', 0, 5, 0, 2]], next: 'c+2' },
      { columns, rows: [['A', '2026-01-01T00:01:10Z', 0, 30, 1, 1]], next: null },
    ];
    const get = async (path: string) => { asked.push(path); return pages[asked.length - 1]; };
    const { rows, complete } = await loadHistory(get, Date.parse('2026-01-01T00:00:00Z'), 15, 'Mül');
    expect(complete).toBe(true);
    expect(asked).toEqual([
      'history?from=2026-01-01T00:00:00.000Z&step=15&format=columns&limit=10000&character=M%C3%BCl',
      'history?from=2026-01-01T00:00:00.000Z&step=15&format=columns&limit=10000&character=M%C3%BCl&cursor=c1',
      'history?from=2026-01-01T00:00:00.000Z&step=15&format=columns&limit=10000&character=M%C3%BCl&cursor=c%2B2',
    ]);
    expect(rows.map((r) => `${r.character_name}@${r.timestamp}`)).toEqual(['A@2026-01-01T00:00:10Z', 'B@2026-01-01T00:00:20Z', 'A@2026-01-01T00:01:10Z']);
    expect(bucketSeries(rows, 60_000)).toEqual({
      t: [Date.parse('2026-01-01T00:00:00Z') / 1000, Date.parse('2026-01-01T00:01:00Z') / 1000], kph: [15, 30], deaths: [1, 1], rares: [2, 1],
    });
  });

  it('stops after a cap of pages and says the rows are incomplete', async () => {
    let calls = 0;
    const get = async (path: string) => {
      calls++;
      expect(path).not.toContain('character=');
      return { columns, rows: [['A', new Date(calls * 1000).toISOString(), 0, 1, 0, 0]], next: `c${calls}` } as ColumnsPage;
    };
    const { rows, complete } = await loadHistory(get, 0, 1, '');
    expect(calls).toBe(MAX_PAGES);
    expect(rows).toHaveLength(MAX_PAGES);
    expect(complete).toBe(false);
  });

  it('charts a fleet day of stepped rows in every bucket', () => {
    const { step, bucketMs } = statsResolution(86_400);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows = [];
    for (let b = 0; b < 240; b++) {
      for (let c = 0; c < 20; c++) {
        rows.push({ character_name: `C${c}`, timestamp: new Date(start + (b * step + step - 2) * 1000).toISOString(), kills_per_hour: b, total_deaths: 0, rares_found: 0 });
      }
    }
    const s = bucketSeries(rows, bucketMs);
    expect(s.t).toHaveLength(240);
    expect(s.kph[239]).toBe(239 * 20);
  });
});
