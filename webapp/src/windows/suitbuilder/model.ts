// The suitbuilder's constraints, the request body POST /inventory/suitbuilder takes, and how the
// streamed events fold into what the window shows.
import type { Item } from '../../state/items';

export interface Constraints {
  primarySet: string;
  primaryPieces: number;
  secondarySet: string;
  secondaryPieces: number;
  cantrips: string;
  spells: string;
  locked: Array<{ slot: string; itemId: string }>;
  minRatings: Record<string, string>;
  characters: string[];
  results: number;
  timeLimitS: number;
}

export interface Progress { checked: number; elapsed_ms: number; best_score: number | null }
export interface SuitItem { slot: string; character_name: string; item: Item }
export interface SuitResult {
  rank: number;
  score: number;
  items: SuitItem[];
  sets: Record<string, number>;
  covered: string[];
  missing: string[];
  overlapping: string[];
  armor_level?: number;
  ratings?: Record<string, number>;
}
export interface Done { reason: string; checked: number; elapsed_ms: number }

export interface RunState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: Progress | null;
  results: SuitResult[];
  done: Done | null;
  error: string;
  events: number;
}

export const idleRun = (): RunState => ({ status: 'idle', progress: null, results: [], done: null, error: '', events: 0 });

export function defaultConstraints(): Constraints {
  return {
    primarySet: "Soldier's Set", primaryPieces: 5, secondarySet: '', secondaryPieces: 4, cantrips: '', spells: '',
    locked: [], minRatings: {}, characters: [], results: 5, timeLimitS: 30,
  };
}

const names = (s: string) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(Number.isFinite(n) ? n : lo)));

/** The request body; what is empty is left out. Problems the server would refuse are listed instead. */
export function requestBody(c: Constraints): { body: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  if (!c.primarySet) problems.push('choose a primary set');
  if (c.characters.length === 0) problems.push('choose at least one character');
  if (c.characters.length > 50) problems.push('at most 50 characters');
  if (c.secondarySet && c.secondarySet === c.primarySet) problems.push('the secondary set must differ from the primary');
  const body: Record<string, unknown> = {
    primary_set: { name: c.primarySet, pieces: clamp(c.primaryPieces, 1, 9) },
    characters: c.characters,
    results: clamp(c.results, 1, 20),
    time_limit_s: clamp(c.timeLimitS, 1, 120),
  };
  if (c.secondarySet) body.secondary_set = { name: c.secondarySet, pieces: clamp(c.secondaryPieces, 1, 9) };
  const cantrips = names(c.cantrips);
  if (cantrips.length) body.cantrips = cantrips;
  const spells = names(c.spells);
  if (spells.length) body.spells = spells;
  const locked: Record<string, number> = {};
  for (const l of c.locked) {
    if (!l.slot || !l.itemId.trim()) continue;
    const id = Number(l.itemId);
    if (!Number.isSafeInteger(id) || id <= 0) problems.push(`locked ${l.slot}: "${l.itemId}" is not an item id`);
    else locked[l.slot] = id;
  }
  if (Object.keys(locked).length) body.locked = locked;
  const ratings: Record<string, number> = {};
  for (const [k, v] of Object.entries(c.minRatings)) {
    if (!v.trim()) continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) problems.push(`minimum ${k}: "${v}" is not a number`);
    else ratings[k] = n;
  }
  if (Object.keys(ratings).length) body.min_ratings = ratings;
  return { body, problems };
}

/** One streamed event folded in: progress replaces, a result takes its rank's place, done ends. */
export function applyEvent(s: RunState, event: string, data: unknown): RunState {
  const d = (data ?? {}) as Record<string, unknown>;
  const next = { ...s, events: s.events + 1 };
  switch (event) {
    case 'progress':
      return { ...next, progress: { checked: Number(d.checked ?? 0), elapsed_ms: Number(d.elapsed_ms ?? 0), best_score: d.best_score === undefined || d.best_score === null ? null : Number(d.best_score) } };
    case 'result': {
      const r = toResult(d);
      if (!r) return next;
      const results = [...s.results.filter((x) => x.rank !== r.rank), r].sort((a, b) => a.rank - b.rank);
      return { ...next, results };
    }
    case 'done':
      return { ...next, status: 'done', done: { reason: String(d.reason ?? 'complete'), checked: Number(d.checked ?? 0), elapsed_ms: Number(d.elapsed_ms ?? 0) } };
    case 'error':
      return { ...next, status: 'error', error: String(d.error ?? 'the search failed') };
    default:
      return next;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function toResult(d: Record<string, unknown>): SuitResult | null {
  if (!Array.isArray(d.items)) return null;
  return {
    rank: Number(d.rank ?? 0), score: Number(d.score ?? 0),
    items: (d.items as Array<Record<string, unknown>>).filter((x) => x && typeof x === 'object' && x.item).map((x) => ({
      slot: String(x.slot ?? ''), character_name: String(x.character_name ?? ''), item: x.item as Item,
    })),
    sets: d.sets && typeof d.sets === 'object' ? d.sets as Record<string, number> : {},
    covered: strings(d.covered), missing: strings(d.missing), overlapping: strings(d.overlapping),
    armor_level: typeof d.armor_level === 'number' ? d.armor_level : undefined,
    ratings: d.ratings && typeof d.ratings === 'object' ? d.ratings as Record<string, number> : undefined,
  };
}
