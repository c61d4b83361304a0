// Time travel: replays the fleet from /history at a chosen speed; the map draws these positions
// instead of the live ones while active.
import { getJson } from '../api';

export interface HistoryRow {
  character_name: string;
  timestamp: string;
  ew: number;
  ns: number;
  [k: string]: unknown;
}

export interface ReplayFrame {
  positions: Record<string, { ew: number; ns: number }>;
}

/** Applies rows with time <= clock (rows sorted oldest first) starting at `from`; returns the next index. */
export function advance(rows: Array<{ t: number; row: HistoryRow }>, from: number, clock: number, positions: ReplayFrame['positions']): number {
  let i = from;
  while (i < rows.length && rows[i].t <= clock) {
    const r = rows[i].row;
    positions[r.character_name] = { ew: r.ew, ns: r.ns };
    i++;
  }
  return i;
}

export class Replay {
  active = false;
  playing = false;
  speed = 60;
  clock = 0;
  positions: ReplayFrame['positions'] = {};
  private rows: Array<{ t: number; row: HistoryRow }> = [];
  private index = 0;
  private loadedTo = 0;
  private loading = false;
  /** Counts seeks: an answer that arrives after a later seek is dropped. */
  private seekId = 0;
  /** True from a seek until its snapshot is in: the clock holds still meanwhile. */
  private seeking = false;
  private lastTick = 0;
  private listeners = new Set<() => void>();
  version = 0;

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    this.version++;
    this.listeners.forEach((l) => l());
  }

  /**
   * Jumps to an instant: positions from /history/snapshot, then rows from there on. The clock
   * does not move until the snapshot is in, so Play pressed meanwhile starts from the instant.
   */
  async seek(at: number): Promise<void> {
    const id = ++this.seekId;
    this.active = true;
    this.seeking = true;
    this.clock = at;
    this.positions = {};
    this.rows = [];
    this.index = 0;
    this.loadedTo = at;
    this.changed();
    let snap: { characters: HistoryRow[] };
    try {
      snap = await getJson<{ characters: HistoryRow[] }>(`history/snapshot?at=${new Date(at).toISOString()}&window=3600`);
    } finally {
      if (id === this.seekId) this.seeking = false;
    }
    if (id !== this.seekId) return;
    for (const r of snap.characters) this.positions[r.character_name] = { ew: r.ew, ns: r.ns };
    this.lastTick = performance.now();
    this.changed();
    await this.loadMore();
  }

  private async loadMore(): Promise<void> {
    if (this.loading) return;
    const id = this.seekId, from = this.loadedTo, to = Math.min(Date.now(), from + Math.max(60_000, this.speed * 30_000));
    if (to <= from) return;
    this.loading = true;
    try {
      let cursor: string | null = null, pages = 0;
      const got: Array<{ t: number; row: HistoryRow }> = [];
      do {
        const q: string = `history?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&limit=10000` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
        const page: { rows: HistoryRow[]; next: string | null } = await getJson(q);
        for (const row of page.rows) got.push({ t: Date.parse(row.timestamp), row });
        cursor = page.next;
      } while (cursor && ++pages < 5);
      if (id !== this.seekId) return; // a seek happened meanwhile
      this.rows = this.rows.slice(this.index).concat(got);
      this.index = 0;
      this.loadedTo = to;
    } finally {
      this.loading = false;
    }
  }

  play(): void {
    this.playing = true;
    this.lastTick = performance.now();
    this.changed();
  }

  pause(): void {
    this.playing = false;
    this.changed();
  }

  /** Called once per animation frame by the map. */
  tick(now: number): boolean {
    if (!this.active || !this.playing) return false;
    if (this.seeking) {
      this.lastTick = now;
      return false;
    }
    const dt = now - this.lastTick;
    this.lastTick = now;
    this.clock = Math.min(Date.now(), this.clock + dt * this.speed);
    this.index = advance(this.rows, this.index, this.clock, this.positions);
    if (this.loadedTo - this.clock < this.speed * 10_000) void this.loadMore();
    if (this.clock >= Date.now() - 1000) this.playing = false;
    this.version++;
    return true;
  }

  live(): void {
    this.seekId++;
    this.seeking = false;
    this.active = false;
    this.playing = false;
    this.positions = {};
    this.rows = [];
    this.changed();
  }
}
