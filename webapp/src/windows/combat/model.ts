// The Combat window's view model: pure functions from GET /combat-stats/{character} to the rows
// the window shows. Every field may be missing (an older plugin, a snapshot still empty).

export type Scope = 'session' | 'lifetime';

export interface CombatAnswer {
  character_name?: string;
  lifetime: null | { sessions?: number; updated_at?: string; totals?: unknown };
  sessions?: Array<{ session_id?: string; snapshot_ts?: string; updated_at?: string; snapshot?: unknown }>;
}

export interface Summary {
  kills: number | null;
  deaths: number | null;
  attacks: number | null;
  hitRate: number | null;
  critRate: number | null;
  evadeRate: number | null;
  avgHit: number | null;
  maxHit: number | null;
  damageGiven: number | null;
  damageTaken: number | null;
  maxHitTaken: number | null;
}

export interface MonsterRow {
  name: string;
  kills: number | null;
  hits: number | null;
  damageGiven: number | null;
  damageTaken: number | null;
  maxHit: number | null;
}

export interface ElementRow {
  element: string;
  hits: number | null;
  damage: number | null;
  maxHit: number | null;
  /** This element's part of all the damage in its table, 0..1; null when no damage is known. */
  share: number | null;
}

export interface CombatView {
  summary: Summary;
  monsters: MonsterRow[];
  offense: ElementRow[];
  defense: ElementRow[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const first = (...vs: unknown[]): number | null => vs.map(num).find((v) => v !== null) ?? null;

/** part / whole from the counts when both are known, else the rate the plugin (or server) wrote. */
function rate(part: unknown, whole: unknown, written: unknown): number | null {
  const p = num(part), w = num(whole);
  return p !== null && w !== null && w > 0 ? p / w : num(written);
}

/** The snapshot to show: the newest session's, or the lifetime totals; null when there is none. */
export function pickSnapshot(answer: CombatAnswer | null, scope: Scope): Obj | null {
  if (!answer) return null;
  const s = scope === 'session' ? answer.sessions?.[0]?.snapshot : answer.lifetime?.totals;
  return s && typeof s === 'object' && !Array.isArray(s) ? (s as Obj) : null;
}

export function summarize(s: Obj): Summary {
  const off = obj(s.offense), def = obj(s.defense);
  const damage = first(off.total_damage, off.damage, s.damage_given);
  return {
    kills: num(s.kills),
    deaths: num(s.deaths),
    attacks: num(off.attacks),
    hitRate: rate(off.hits, off.attacks, off.hit_rate),
    critRate: rate(off.crits, off.hits, off.crit_rate),
    evadeRate: rate(def.evades, def.attacks, def.evade_rate),
    avgHit: rate(damage, off.hits, off.avg_hit),
    maxHit: num(off.max_hit),
    damageGiven: damage,
    damageTaken: first(def.damage_taken, def.damage, s.damage_taken),
    maxHitTaken: num(def.max_hit),
  };
}

export function monsterRows(s: Obj): MonsterRow[] {
  return Object.entries(obj(s.monsters)).map(([name, v]) => {
    const m = obj(v);
    return { name, kills: num(m.kills), hits: num(m.hits), damageGiven: first(m.damage_given, m.damage), damageTaken: num(m.damage_taken), maxHit: num(m.max_hit) };
  });
}

/** One side's per-element table; an element given as a bare number is read as its damage. */
export function elementRows(side: unknown): ElementRow[] {
  const rows = Object.entries(obj(obj(side).by_element)).map(([element, v]) => {
    const e = obj(v);
    return { element, hits: num(e.hits), damage: typeof v === 'number' ? num(v) : first(e.damage, e.damage_taken, e.total_damage), maxHit: num(e.max_hit), share: null as number | null };
  });
  const total = rows.reduce((a, r) => a + (r.damage ?? 0), 0);
  return rows
    .map((r) => ({ ...r, share: total > 0 && r.damage !== null ? r.damage / total : null }))
    .sort((a, b) => (b.damage ?? -1) - (a.damage ?? -1) || a.element.localeCompare(b.element));
}

export function combatView(s: Obj | null): CombatView | null {
  if (!s) return null;
  return { summary: summarize(s), monsters: monsterRows(s), offense: elementRows(s.offense), defense: elementRows(s.defense) };
}

export type MonsterKey = Exclude<keyof MonsterRow, 'name'> | 'name';
export interface MonsterSort { key: MonsterKey; desc: boolean }
export const DEFAULT_MONSTER_SORT: MonsterSort = { key: 'damageGiven', desc: true };

/** Sorted by one column; missing values last either way, ties by name. */
export function sortMonsters(rows: MonsterRow[], sort: MonsterSort): MonsterRow[] {
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return (sort.desc ? -1 : 1) * a.name.localeCompare(b.name);
    const x = a[sort.key], y = b[sort.key];
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    return (sort.desc ? y - x : x - y) || a.name.localeCompare(b.name);
  });
}

/** Clicking a column sorts by it (numbers biggest first); clicking it again turns the order round. */
export function nextSort(current: MonsterSort, key: MonsterKey): MonsterSort {
  return current.key === key ? { key, desc: !current.desc } : { key, desc: key !== 'name' };
}

/** What the scope's heading says: which session and when, or how many sessions. */
export function scopeLabel(answer: CombatAnswer | null, scope: Scope): string {
  if (!answer) return '';
  if (scope === 'lifetime') {
    const n = answer.lifetime?.sessions;
    return answer.lifetime ? `${n ?? '?'} session${n === 1 ? '' : 's'}` : 'nothing stored yet';
  }
  const s = answer.sessions?.[0];
  return s ? `session ${s.session_id ?? '?'}` : 'no session yet';
}

export const fmtInt = (v: number | null): string => (v === null ? '–' : Math.round(v).toLocaleString('en-US'));
export const fmtPct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
export const fmtAvg = (v: number | null): string => (v === null ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: 1 }));
