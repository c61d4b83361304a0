// What the fleet looks like at a glance: each character's state on the map, and the Issues list of
// what needs attention now. Pure, computed from the feed state; the map calls it every frame.
import { alertTime, fraction, isOnline, num, type Alert, type Character, type FeedState } from './feed';

export type CharacterState = 'offline' | 'dead' | 'idle' | 'combat' | 'online';

/** In the order the map legend lists them; a character is in the first that applies. */
export const STATES: Array<{ state: CharacterState; label: string }> = [
  { state: 'dead', label: 'Dead' },
  { state: 'idle', label: 'Idle' },
  { state: 'combat', label: 'In combat' },
  { state: 'online', label: 'Online' },
  { state: 'offline', label: 'Offline' },
];

/** A death alert counts as "dead now" for this long. */
export const DEAD_FOR_MS = 10 * 60_000;

export interface AlertFlags {
  /** Epoch ms of the newest death alert, per character. */
  diedAt: Map<string, number>;
  /** Characters with an idle alert not cleared. */
  idle: Set<string>;
}

const flagCache = new WeakMap<Alert[], AlertFlags>();

/** Per-character facts from the alerts, computed once per alerts list. */
export function alertFlags(alerts: Alert[]): AlertFlags {
  const cached = flagCache.get(alerts);
  if (cached) return cached;
  const f: AlertFlags = { diedAt: new Map(), idle: new Set() };
  const idleSeen = new Set<string>();
  for (const a of alerts) { // newest first: the first of a kind per character is the one that counts
    const who = a.character_name;
    if (!who) continue;
    if (a.kind === 'death' && !f.diedAt.has(who)) f.diedAt.set(who, alertTime(a));
    if (a.kind === 'idle' && !idleSeen.has(who)) {
      idleSeen.add(who);
      if (!a.cleared_at) f.idle.add(who);
    }
  }
  flagCache.set(alerts, f);
  return f;
}

const vital = (c: Character, k: string): number | undefined => {
  const v = c.vitals;
  if (!v || num(v[`${k}_max`]) === undefined || num(v[`${k}_current`]) === undefined) return undefined;
  return fraction(v[`${k}_current`], v[`${k}_max`]);
};

export function isDead(c: Character, flags: AlertFlags, now: number): boolean {
  const died = flags.diedAt.get(c.name);
  return (died !== undefined && now - died <= DEAD_FOR_MS) || vital(c, 'health') === 0;
}

/** Fighting, as the plugin's macro state says (telemetry `vt_state`). */
export function inCombat(c: Character): boolean {
  return /combat/i.test(String(c.telemetry?.vt_state ?? ''));
}

export function characterState(c: Character, flags: AlertFlags, now: number): CharacterState {
  if (!isOnline(c, now)) return 'offline';
  if (isDead(c, flags, now)) return 'dead';
  if (flags.idle.has(c.name)) return 'idle';
  return inCombat(c) ? 'combat' : 'online';
}

export type IssueKind = 'dead' | 'idle' | 'disconnected' | 'low-vitals';

export interface Issue {
  kind: IssueKind;
  character: string;
  detail: string;
  /** For ordering within a kind: the most urgent first. */
  rank: number;
}

const ISSUE_ORDER: IssueKind[] = ['dead', 'idle', 'disconnected', 'low-vitals'];

/**
 * What needs attention now: dead (a death alert in the last DEAD_FOR_MS or health 0), idle (an idle
 * alert not cleared), disconnected (known but silent), low vitals (any of health, stamina, mana
 * under `lowVital`, a fraction). One row per character and kind, dead first.
 */
export function issues(state: FeedState, now: number, lowVital = 0.3): Issue[] {
  const flags = alertFlags(state.alerts);
  const out: Issue[] = [];
  for (const c of Object.values(state.characters)) {
    const online = isOnline(c, now);
    if (!online) {
      out.push({ kind: 'disconnected', character: c.name, detail: `silent for ${duration(now - c.lastSeen)}`, rank: -c.lastSeen });
      continue;
    }
    if (isDead(c, flags, now)) {
      const died = flags.diedAt.get(c.name);
      out.push({ kind: 'dead', character: c.name, detail: died !== undefined && now - died <= DEAD_FOR_MS ? `died ${duration(now - died)} ago` : 'health 0', rank: -(died ?? now) });
      continue;
    }
    if (flags.idle.has(c.name)) {
      const a = state.alerts.find((x) => x.kind === 'idle' && x.character_name === c.name);
      out.push({ kind: 'idle', character: c.name, detail: a ? `idle since ${duration(now - alertTime(a))} ago` : 'idle', rank: a ? alertTime(a) : now });
    }
    const low = (['health', 'stamina', 'mana'] as const)
      .map((k) => [k, vital(c, k)] as const)
      .filter(([, f]) => f !== undefined && f < lowVital);
    if (low.length) {
      out.push({ kind: 'low-vitals', character: c.name, detail: low.map(([k, f]) => `${k} ${Math.round((f ?? 0) * 100)}%`).join(', '), rank: Math.min(...low.map(([, f]) => f ?? 1)) });
    }
  }
  return out.sort((a, b) => ISSUE_ORDER.indexOf(a.kind) - ISSUE_ORDER.indexOf(b.kind) || a.rank - b.rank || a.character.localeCompare(b.character));
}

/** A short duration: 45s, 12m, 3h 5m, 3d 4h. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}
