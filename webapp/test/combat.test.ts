import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONSTER_SORT, combatView, elementRows, fmtPct, monsterRows, nextSort, pickSnapshot, scopeLabel, sortMonsters, summarize,
  type CombatAnswer,
} from '../src/windows/combat/model';

// The snapshot of the read-API contract's example, as GET /combat-stats answers it.
const snapshot = {
  kills: 545, deaths: 1,
  offense: {
    attacks: 5120, hits: 4700, evades: 420, crits: 611, total_damage: 1843210, max_hit: 1211, hit_rate: 0.918, crit_rate: 0.13, avg_hit: 392.17,
    by_element: { cold: { hits: 3900, crits: 500, damage: 1520344, max_hit: 1211 }, void: { hits: 800, crits: 111, damage: 322866, max_hit: 990 } },
  },
  defense: {
    attacks: 3600, hits: 2100, evades: 1100, resists: 402, damage_taken: 210844, max_hit: 640, evade_rate: 0.3056, avg_hit: 100.4,
    by_element: { slash: { hits: 1500, damage: 150000, max_hit: 640 }, acid: { hits: 600, damage: 60844, max_hit: 300 } },
  },
  monsters: {
    'Olthoi Soldier': { kills: 133, attacks: 2120, hits: 1900, crits: 211, damage_given: 401112, damage_taken: 40110, max_hit: 1100 },
    'Olthoi Ripper': { kills: 412, attacks: 3000, hits: 2800, crits: 400, damage_given: 910022, damage_taken: 88012, max_hit: 1211 },
  },
};
const lifetimeTotals = { ...snapshot, kills: 900, monsters: { 'Drudge Skulker': { kills: 355, hits: 10, damage_given: 5 } } };
const answer: CombatAnswer = {
  character_name: 'Larsson',
  lifetime: { sessions: 2, updated_at: '2026-11-23T10:00:00Z', totals: lifetimeTotals },
  sessions: [{ session_id: 's2', snapshot_ts: '2026-11-23T10:00:00Z', snapshot }, { session_id: 's1', snapshot: { kills: 1 } }],
};

describe('combat view: session or lifetime', () => {
  it('shows the newest session for Session and the lifetime totals for Lifetime', () => {
    expect(pickSnapshot(answer, 'session')).toBe(snapshot);
    expect(pickSnapshot(answer, 'lifetime')).toBe(lifetimeTotals);
    expect(scopeLabel(answer, 'session')).toBe('session s2');
    expect(scopeLabel(answer, 'lifetime')).toBe('2 sessions');
  });
  it('has nothing to show before any snapshot, and says so', () => {
    const none: CombatAnswer = { lifetime: null, sessions: [] };
    expect(pickSnapshot(none, 'session')).toBeNull();
    expect(pickSnapshot(none, 'lifetime')).toBeNull();
    expect(combatView(null)).toBeNull();
    expect(scopeLabel(none, 'lifetime')).toBe('nothing stored yet');
    expect(scopeLabel(none, 'session')).toBe('no session yet');
    expect(pickSnapshot(null, 'session')).toBeNull();
    expect(pickSnapshot({ lifetime: { sessions: 1, totals: [1, 2] }, sessions: [{ snapshot: 'junk' }] }, 'lifetime')).toBeNull();
  });
});

describe('combat view: summary', () => {
  it('computes rates from the counts', () => {
    const s = summarize(snapshot);
    expect(s).toMatchObject({ kills: 545, deaths: 1, attacks: 5120, maxHit: 1211, damageGiven: 1843210, damageTaken: 210844, maxHitTaken: 640 });
    expect(s.hitRate).toBeCloseTo(4700 / 5120, 6);
    expect(s.critRate).toBeCloseTo(611 / 4700, 6);
    expect(s.evadeRate).toBeCloseTo(1100 / 3600, 6);
    expect(s.avgHit).toBeCloseTo(1843210 / 4700, 6);
  });
  it('falls back to the written rate when a count is missing, and to nothing when both are', () => {
    const s = summarize({ offense: { hit_rate: 0.5, hits: 10, crits: 1, attacks: 0 }, defense: {} });
    expect(s.hitRate).toBe(0.5);
    expect(s.critRate).toBeCloseTo(0.1, 6);
    expect(s.evadeRate).toBeNull();
    expect(s.kills).toBeNull();
    expect(fmtPct(s.evadeRate)).toBe('–');
    expect(fmtPct(s.hitRate)).toBe('50.0%');
  });
});

describe('combat view: monsters', () => {
  it('lists every monster and sorts by damage given, biggest first, by default', () => {
    const rows = sortMonsters(monsterRows(snapshot), DEFAULT_MONSTER_SORT);
    expect(rows.map((r) => r.name)).toEqual(['Olthoi Ripper', 'Olthoi Soldier']);
    expect(rows[0]).toEqual({ name: 'Olthoi Ripper', kills: 412, hits: 2800, damageGiven: 910022, damageTaken: 88012, maxHit: 1211 });
  });
  it('sorts by any column, turns the order round on a second click, and keeps missing values last', () => {
    const rows = [...monsterRows(snapshot), { name: 'Shadow Child', kills: null, hits: null, damageGiven: null, damageTaken: 5, maxHit: null }];
    let sort = nextSort(DEFAULT_MONSTER_SORT, 'kills');
    expect(sort).toEqual({ key: 'kills', desc: true });
    expect(sortMonsters(rows, sort).map((r) => r.name)).toEqual(['Olthoi Ripper', 'Olthoi Soldier', 'Shadow Child']);
    sort = nextSort(sort, 'kills');
    expect(sortMonsters(rows, sort).map((r) => r.name)).toEqual(['Olthoi Soldier', 'Olthoi Ripper', 'Shadow Child']);
    expect(sortMonsters(rows, nextSort(sort, 'name')).map((r) => r.name)).toEqual(['Olthoi Ripper', 'Olthoi Soldier', 'Shadow Child']);
    expect(sortMonsters(rows, { key: 'damageTaken', desc: false }).map((r) => r.name)).toEqual(['Shadow Child', 'Olthoi Soldier', 'Olthoi Ripper']);
  });
  it('is empty without a monsters object', () => {
    expect(monsterRows({})).toEqual([]);
    expect(monsterRows({ monsters: [1, 2] })).toEqual([]);
  });
});

describe('combat view: per element', () => {
  it('gives each element its share of the side\'s damage, biggest first', () => {
    const off = elementRows(snapshot.offense);
    expect(off.map((r) => r.element)).toEqual(['cold', 'void']);
    expect(off[0]).toMatchObject({ hits: 3900, damage: 1520344, maxHit: 1211 });
    expect(off[0].share).toBeCloseTo(1520344 / 1843210, 6);
    expect(off[0].share! + off[1].share!).toBeCloseTo(1, 9);
    const def = elementRows(snapshot.defense);
    expect(def.map((r) => [r.element, r.damage])).toEqual([['slash', 150000], ['acid', 60844]]);
  });
  it('reads an element given as a bare number as its damage, and copes with none', () => {
    const rows = elementRows({ by_element: { cold: 300, fire: 0, void: 100 } });
    expect(rows.map((r) => [r.element, r.damage, r.hits, r.share])).toEqual([['cold', 300, null, 0.75], ['void', 100, null, 0.25], ['fire', 0, null, 0]]);
    expect(elementRows(undefined)).toEqual([]);
    expect(elementRows({ by_element: { cold: { hits: 3 } } })[0].share).toBeNull();
  });
  it('builds the whole view from a sparse snapshot without throwing', () => {
    const v = combatView({ kills: 3 })!;
    expect(v.summary.kills).toBe(3);
    expect(v.monsters).toEqual([]);
    expect(v.offense).toEqual([]);
    expect(v.defense).toEqual([]);
  });
});
