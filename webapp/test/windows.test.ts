import { describe, expect, it } from 'vitest';
import { clampToViewport, closeWindow, focusWindow, moveWindow, openWindow, parseLayout } from '../src/windows/layout';
import { WINDOW_TYPES, windowType } from '../src/windows/registry';
import { advance } from '../src/state/replay';
import { bucketSeries } from '../src/windows/stats/series';

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
