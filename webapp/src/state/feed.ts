// The fleet as the browser knows it, and the pure rules that fold /ws/live messages into it.

export type Frame = Record<string, unknown> & { type: string; character_name?: string; seq?: number };

export interface Character {
  name: string;
  telemetry?: Frame;
  vitals?: Frame;
  /** Epoch ms of the last frame seen for this character. */
  lastSeen: number;
}

export interface ChatLine {
  seq: number;
  character: string;
  channel: string;
  text: string;
  timestamp: string;
}

export interface CommandResult {
  player_name: string;
  command: string;
  status: string;
  error?: string;
  at: number;
}

/** An alert as `GET /alerts` lists it; live `alert` messages have the same fields. */
export interface Alert {
  id: string;
  kind: string;
  character_name: string | null;
  timestamp: string;
  severity: string;
  title: string;
  message: string;
  fields?: Record<string, unknown>;
  acknowledged_by?: string | null;
  acknowledged_at?: string | null;
  cleared_at?: string | null;
}

export interface FeedState {
  lastSeq: number | null;
  characters: Record<string, Character>;
  chat: ChatLine[];
  nearby: Record<string, Frame>;
  dungeonMaps: Record<string, Frame>;
  rares: Frame[];
  commandResults: CommandResult[];
  /** Live points appended since the last /trails load, per character. */
  trails: Record<string, Array<[number, number]>>;
  portals: Frame[];
  /** Newest first: live `alert` messages and `GET /alerts` pages merged by id. */
  alerts: Alert[];
  /** Per character, the last live `inventory_delta`: its inventory's version and when it came. */
  inventory: Record<string, InventoryTick>;
  /**
   * The server is thinning this feed: the browser fell behind, so it gets only each character's
   * newest telemetry and vitals (every other event still comes) until it catches up.
   */
  thinning: boolean;
}

/** What the feed keeps of a character's inventory deltas: enough for its window to know when to reload. */
export interface InventoryTick {
  /** The inventory's version after the delta, when the message carried one. */
  version: number | undefined;
  /** Epoch ms the last delta arrived. */
  at: number;
  /** Deltas seen since the page loaded. */
  count: number;
}

export const CHAT_LIMIT = 1000;
export const TRAIL_LIMIT = 300;
export const ONLINE_WINDOW_MS = 30_000;
export const ALERT_LIMIT = 500;

export function emptyFeed(): FeedState {
  return { lastSeq: null, characters: {}, chat: [], nearby: {}, dungeonMaps: {}, rares: [], commandResults: [], trails: {}, portals: [], alerts: [], inventory: {}, thinning: false };
}

/** What the connection must do after a batch: nothing, or reload the whole state. */
export type Follow = 'none' | 'reload';

export interface Applied {
  state: FeedState;
  follow: Follow;
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : (v as number);
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

export function position(t: Frame | undefined): { ew: number; ns: number } | undefined {
  if (!t) return undefined;
  const ew = num(t.ew), ns = num(t.ns);
  return ew === undefined || ns === undefined ? undefined : { ew, ns };
}

export function isOnline(c: Character, now: number): boolean {
  return now - c.lastSeen <= ONLINE_WINDOW_MS;
}

/** Whether an event with this seq is new: duplicates after a resume are dropped. */
export function isNewSeq(lastSeq: number | null, seq: number | undefined): boolean {
  return seq === undefined || lastSeq === null || seq > lastSeq;
}

/**
 * Folds a batch of messages (in arrival order) into a new state. One copy per batch, so a
 * frame's worth of 200 telemetry frames costs one object copy, not 200.
 */
export function applyBatch(prev: FeedState, messages: Frame[], now: number): Applied {
  let follow: Follow = 'none';
  const s: FeedState = { ...prev, characters: { ...prev.characters }, trails: { ...prev.trails } };
  let chat: ChatLine[] | null = null;
  for (const m of messages) {
    switch (m.type) {
      case 'snapshot': {
        s.characters = {};
        s.trails = {};
        for (const c of (m.characters as Array<Record<string, unknown>>) ?? []) {
          const name = String(c.character_name);
          const seen = Date.parse(String(c.last_seen ?? ''));
          s.characters[name] = {
            name,
            telemetry: (c.telemetry as Frame) ?? undefined,
            vitals: (c.vitals as Frame) ?? undefined,
            lastSeen: Number.isFinite(seen) ? Math.min(seen, now) : now,
          };
        }
        s.lastSeq = num(m.seq) ?? s.lastSeq;
        // A new socket starts unthinned.
        s.thinning = false;
        follow = 'none';
        continue;
      }
      case 'thinning':
        s.thinning = m.active === true;
        continue;
      case 'gap':
        // Whatever comes next (e.g. after a server restart) is newer than anything we hold.
        s.lastSeq = null;
        follow = 'reload';
        continue;
      case 'slow_consumer':
      case 'subscribed':
      case 'error':
        continue;
      case 'alert_history':
        // Not from the socket: a `GET /alerts` page the app pushes in (no seq).
        s.alerts = mergeAlerts(s.alerts, ((m.alerts as unknown[]) ?? []).map(toAlert).filter((a): a is Alert => a !== null), 'history');
        continue;
      case 'alert_acked': {
        const id = String(m.id);
        s.alerts = s.alerts.map((a) => a.id === id ? { ...a, acknowledged_by: String(m.acknowledged_by ?? ''), acknowledged_at: String(m.acknowledged_at ?? '') } : a);
        continue;
      }
      case 'command_result':
        s.commandResults = [...s.commandResults.slice(-49), {
          player_name: String(m.player_name), command: String(m.command), status: String(m.status),
          error: m.error === undefined ? undefined : String(m.error), at: now,
        }];
        continue;
    }
    if (!isNewSeq(s.lastSeq, m.seq)) continue;
    if (m.seq !== undefined) s.lastSeq = m.seq;
    // Alerts speak about a character (or the server), not for it: they do not make it seen.
    if (m.type === 'alert') {
      const a = toAlert(m);
      if (a) s.alerts = mergeAlerts(s.alerts, [a], 'live');
      continue;
    }
    if (m.type === 'alert_cleared') {
      s.alerts = clearAlert(s.alerts, String(m.kind ?? ''), m.character_name ?? null, String(m.timestamp ?? new Date(now).toISOString()));
      continue;
    }
    const name = m.character_name;
    if (!name) continue;
    const c: Character = { ...(s.characters[name] ?? { name, lastSeen: now }), lastSeen: now };
    s.characters[name] = c;
    switch (m.type) {
      case 'telemetry': {
        c.telemetry = m;
        const p = position(m);
        if (p) {
          const trail = s.trails[name] ?? [];
          s.trails[name] = [...trail.slice(-(TRAIL_LIMIT - 1)), [p.ew, p.ns]];
        }
        break;
      }
      case 'vitals':
        c.vitals = m;
        break;
      case 'chat':
        chat ??= [...s.chat];
        chat.push({ seq: m.seq ?? 0, character: name, channel: String(m.channel ?? ''), text: String(m.text ?? ''), timestamp: String(m.timestamp ?? '') });
        break;
      case 'nearby_objects':
        s.nearby = { ...s.nearby, [name]: m };
        break;
      case 'dungeon_map':
        s.dungeonMaps = { ...s.dungeonMaps, [String(m.landblock ?? name)]: m };
        break;
      case 'rare':
        s.rares = [m, ...s.rares].slice(0, 200);
        break;
      case 'portal':
        s.portals = [m, ...s.portals.filter((p) => p.portal_name !== m.portal_name || p.ew !== m.ew || p.ns !== m.ns)].slice(0, 500);
        break;
      case 'inventory_delta':
        s.inventory = { ...s.inventory, [name]: { version: num(m.version), at: now, count: (s.inventory[name]?.count ?? 0) + 1 } };
        break;
    }
  }
  if (chat) s.chat = chat.length > CHAT_LIMIT ? chat.slice(chat.length - CHAT_LIMIT) : chat;
  return { state: s, follow };
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An alert from a live message or a history row; null when it has no id or kind. */
export function toAlert(m: unknown): Alert | null {
  if (!m || typeof m !== 'object') return null;
  const r = m as Record<string, unknown>;
  if (r.id === undefined || r.id === null || !r.kind) return null;
  return {
    id: String(r.id), kind: String(r.kind), character_name: str(r.character_name),
    timestamp: String(r.timestamp ?? ''), severity: String(r.severity ?? 'info'),
    title: String(r.title ?? r.kind), message: String(r.message ?? ''),
    fields: r.fields && typeof r.fields === 'object' ? r.fields as Record<string, unknown> : undefined,
    acknowledged_by: str(r.acknowledged_by), acknowledged_at: str(r.acknowledged_at), cleared_at: str(r.cleared_at),
  };
}

/**
 * Alerts merged by id, newest first, at most ALERT_LIMIT. A history row brings what the live
 * message lacks (acknowledgement, clearing); what the browser already learnt is never lost.
 */
export function mergeAlerts(prev: Alert[], incoming: Alert[], from: 'live' | 'history'): Alert[] {
  if (!incoming.length) return prev;
  const byId = new Map(prev.map((a) => [a.id, a]));
  for (const a of incoming) {
    const old = byId.get(a.id);
    byId.set(a.id, old ? {
      ...old, ...(from === 'history' ? a : {}),
      acknowledged_by: a.acknowledged_by ?? old.acknowledged_by, acknowledged_at: a.acknowledged_at ?? old.acknowledged_at,
      cleared_at: a.cleared_at ?? old.cleared_at,
    } : a);
  }
  return [...byId.values()].sort((x, y) => alertTime(y) - alertTime(x)).slice(0, ALERT_LIMIT);
}

/** Epoch ms of an alert, 0 when its timestamp does not parse. */
export function alertTime(a: Alert): number {
  const t = Date.parse(a.timestamp);
  return Number.isFinite(t) ? t : 0;
}

/** `alert_cleared`: the character's open alerts of that kind raised before it are cleared. */
export function clearAlert(prev: Alert[], kind: string, character: string | null, at: string): Alert[] {
  let changed = false;
  const until = Date.parse(at);
  const next = prev.map((a) => {
    if (a.kind !== kind || a.character_name !== character || a.cleared_at || alertTime(a) > until) return a;
    changed = true;
    return { ...a, cleared_at: at };
  });
  return changed ? next : prev;
}

/** Characters for the sidebar: online first, then by name. */
export function sidebarOrder(state: FeedState, now: number): Character[] {
  return Object.values(state.characters).sort((a, b) => {
    const oa = isOnline(a, now), ob = isOnline(b, now);
    if (oa !== ob) return oa ? -1 : 1;
    return a.name.localeCompare(b.name);
  });
}

/** The /ws/live query for the next connection: a snapshot first time, a resume after. */
export function liveQuery(lastSeq: number | null): string {
  return lastSeq === null ? '?snapshot=1' : `?last_seq=${lastSeq}`;
}

export function fraction(cur: unknown, max: unknown): number {
  const c = num(cur), m = num(max);
  if (c === undefined || !m) return 0;
  return Math.max(0, Math.min(1, c / m));
}

export { num };
