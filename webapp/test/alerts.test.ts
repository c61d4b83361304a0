import { describe, expect, it } from 'vitest';
import { applyBatch, emptyFeed, ALERT_LIMIT, type Frame, type FeedState } from '../src/state/feed';
import { DEAD_FOR_MS, alertFlags, characterState, duration, issues } from '../src/state/status';
import { TOWNS } from '../src/map/towns';
import { DERETH } from '../src/map/transform';
import { sharedFraction } from '../src/windows/vitalsharing/model';
import { WINDOW_TYPES } from '../src/windows/registry';

const T0 = Date.parse('2026-12-04T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const alert = (seq: number, id: string, kind: string, who: string | null, at: number): Frame =>
  ({ type: 'alert', seq, id, kind, character_name: who as string, timestamp: iso(at), severity: 'warning', title: `${kind} ${who}`, message: 'm', fields: {} });
const tel = (seq: number, name: string, extra: Record<string, unknown> = {}): Frame => ({ seq, type: 'telemetry', character_name: name, ew: 1, ns: 2, ...extra });
const vit = (seq: number, name: string, h: number, s = 100, m = 100): Frame =>
  ({ seq, type: 'vitals', character_name: name, health_current: h, health_max: 100, stamina_current: s, stamina_max: 100, mana_current: m, mana_max: 100 });
const fold = (msgs: Frame[], now = T0, from: FeedState = emptyFeed()) => applyBatch(from, msgs, now).state;

describe('alerts in the feed', () => {
  it('keeps live alerts newest first, deduplicated by seq and id, without making the character seen', () => {
    const s = fold([alert(1, 'a1', 'death', 'A', T0 - 2000), alert(2, 'a2', 'idle', 'B', T0 - 1000), alert(2, 'a2', 'idle', 'B', T0 - 1000), alert(3, 's1', 'server_down', null, T0)]);
    expect(s.alerts.map((a) => a.id)).toEqual(['s1', 'a2', 'a1']);
    expect(s.alerts[0].character_name).toBeNull();
    expect(s.characters).toEqual({});
    expect(s.lastSeq).toBe(3);
  });

  it('clears the open alert of that kind and character on alert_cleared, and only that one', () => {
    const s1 = fold([alert(1, 'i1', 'idle', 'A', T0 - 5000), alert(2, 'i2', 'idle', 'B', T0 - 5000), alert(3, 'd1', 'death', 'A', T0 - 4000)]);
    const s2 = fold([{ type: 'alert_cleared', seq: 4, kind: 'idle', character_name: 'A', timestamp: iso(T0) }], T0, s1);
    const byId = Object.fromEntries(s2.alerts.map((a) => [a.id, a.cleared_at]));
    expect(byId).toEqual({ i1: iso(T0), i2: null, d1: null });
  });

  it('merges a history page with what came live: acknowledgement and clearing are kept', () => {
    const s1 = fold([alert(1, 'a1', 'death', 'A', T0 - 9000)]);
    const s2 = fold([{ type: 'alert_acked', id: 'a1', acknowledged_by: 'admin', acknowledged_at: iso(T0) }], T0, s1);
    const s3 = fold([{ type: 'alert_history', alerts: [
      { id: 'a1', kind: 'death', character_name: 'A', timestamp: iso(T0 - 9000), severity: 'warning', title: 'A died', message: '', acknowledged_by: null },
      { id: 'old', kind: 'vortex', character_name: 'C', timestamp: iso(T0 - 99_000), severity: 'critical', title: 'vortex', message: '', cleared_at: null },
      { kind: 'junk without id' }, null, 'junk',
    ] }], T0, s2);
    expect(s3.alerts.map((a) => a.id)).toEqual(['a1', 'old']);
    expect(s3.alerts[0]).toMatchObject({ title: 'A died', acknowledged_by: 'admin' });
  });

  it('keeps at most ALERT_LIMIT alerts, the newest', () => {
    const many = Array.from({ length: ALERT_LIMIT + 20 }, (_, i) => alert(i + 1, `x${i}`, 'rule', 'A', T0 + i * 1000));
    const s = fold(many);
    expect(s.alerts).toHaveLength(ALERT_LIMIT);
    expect(s.alerts[0].id).toBe(`x${ALERT_LIMIT + 19}`);
  });
});

describe('character state and issues', () => {
  const fleet = () => fold([
    tel(1, 'Dead', { vt_state: 'Combat' }), vit(2, 'Dead', 80), alert(3, 'd', 'death', 'Dead', T0 - 60_000),
    tel(4, 'Idle', { vt_state: 'Idle' }), vit(5, 'Idle', 90), alert(6, 'i', 'idle', 'Idle', T0 - 30_000),
    tel(7, 'Fighter', { vt_state: 'Combat' }), vit(8, 'Fighter', 20, 100, 25),
    tel(9, 'Walker', { vt_state: 'Navigating' }), vit(10, 'Walker', 100),
    tel(11, 'Zero', { vt_state: 'Combat' }), vit(12, 'Zero', 0),
  ]);

  it('tells dead, idle, in combat, online and offline apart', () => {
    const s = fleet();
    s.characters.Gone = { name: 'Gone', lastSeen: T0 - 120_000, telemetry: tel(0, 'Gone') };
    const f = alertFlags(s.alerts);
    const st = (n: string, now = T0) => characterState(s.characters[n], f, now);
    expect([st('Dead'), st('Idle'), st('Fighter'), st('Walker'), st('Zero'), st('Gone')]).toEqual(['dead', 'idle', 'combat', 'online', 'dead', 'offline']);
    // A death is "now" for DEAD_FOR_MS; an idle alert until it is cleared.
    s.characters.Dead.lastSeen = T0 + DEAD_FOR_MS;
    expect(characterState(s.characters.Dead, f, T0 + DEAD_FOR_MS)).toBe('combat');
    const cleared = fold([{ type: 'alert_cleared', seq: 20, kind: 'idle', character_name: 'Idle', timestamp: iso(T0) }], T0, s);
    expect(characterState(cleared.characters.Idle, alertFlags(cleared.alerts), T0)).toBe('online');
  });

  it('lists what needs attention: dead first (the latest first), then idle, disconnected, low vitals', () => {
    const s = fleet();
    s.characters.Gone = { name: 'Gone', lastSeen: T0 - 120_000 };
    const list = issues(s, T0, 0.3);
    expect(list.map((i) => `${i.kind}:${i.character}`)).toEqual(['dead:Zero', 'dead:Dead', 'idle:Idle', 'disconnected:Gone', 'low-vitals:Fighter']);
    expect(list.find((i) => i.kind === 'low-vitals')!.detail).toBe('health 20%, mana 25%');
    expect(list.slice(0, 2).map((i) => i.detail)).toEqual(['health 0', 'died 1m ago']);
    expect(issues(s, T0, 0.1).some((i) => i.kind === 'low-vitals')).toBe(false);
  });

  it('formats durations the way the sidebar shows uptime', () => {
    expect([duration(45_000), duration(12 * 60_000), duration(3 * 3600_000 + 5 * 60_000), duration((3 * 24 + 4) * 3600_000), duration(2 * 86400_000)])
      .toEqual(['45s', '12m', '3h 5m', '3d 4h', '2d']);
  });
});

describe('towns, shared vitals and the new windows', () => {
  it('places every town inside Dereth, each once', () => {
    expect(TOWNS.length).toBeGreaterThan(20);
    expect(new Set(TOWNS.map((t) => t.name)).size).toBe(TOWNS.length);
    for (const t of TOWNS) {
      expect(t.ew).toBeGreaterThanOrEqual(DERETH.minEw);
      expect(t.ew).toBeLessThanOrEqual(DERETH.maxEw);
      expect(t.ns).toBeGreaterThanOrEqual(DERETH.minNs);
      expect(t.ns).toBeLessThanOrEqual(DERETH.maxNs);
    }
    expect(TOWNS.find((t) => t.name === 'Holtburg')).toEqual({ name: 'Holtburg', ns: 42.1, ew: 33.6 });
  });

  it('reads shared vitals as percentages or current over max, clamped', () => {
    expect(sharedFraction({ health_pct: 90.4 }, 'health')).toBeCloseTo(0.904);
    expect(sharedFraction({ mana_current: 50, mana_max: 200 }, 'mana')).toBe(0.25);
    expect(sharedFraction({ stamina_pct: 140 }, 'stamina')).toBe(1);
    expect(sharedFraction({ health_pct: 'junk' }, 'health')).toBeUndefined();
    expect(sharedFraction(undefined, 'health')).toBeUndefined();
  });

  it('registers the alerts, issues, vital sharing and audit windows in the sidebar', () => {
    const tools = WINDOW_TYPES.filter((t) => !t.perCharacter).map((t) => t.type);
    expect(tools).toEqual(expect.arrayContaining(['alerts', 'issues', 'vitalsharing', 'audit']));
  });
});
