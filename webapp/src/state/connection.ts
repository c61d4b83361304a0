// The /ws/live connection: resumes with last_seq, reloads on a gap, reconnects with backoff.
import { liveQuery, type Frame } from './feed';
import type { FeedStore } from './store';

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'logged-out';

export function backoffMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.min(attempt, 5));
}

export class LiveConnection {
  state: LinkState = 'connecting';
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<() => void>();
  reconnects = 0;

  constructor(private readonly store: FeedStore, private readonly onUnauthorized: () => void) {
    store.onFollow = (f) => {
      if (f === 'reload') this.send({ type: 'request_snapshot' });
    };
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
    this.ws = null;
  }

  send(msg: object): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private setState(s: LinkState): void {
    this.state = s;
    this.listeners.forEach((l) => l());
  }

  private open(): void {
    const proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const ws = new WebSocket(proto + location.host + '/ws/live' + liveQuery(this.store.state.lastSeq));
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.setState('live');
    };
    ws.onmessage = (e) => {
      try {
        this.store.push(JSON.parse(String(e.data)) as Frame);
      } catch {
        // not JSON: nothing the feed can use
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.stopped) return;
      this.ws = null;
      if (opened) this.reconnects++;
      this.setState('reconnecting');
      // A refused upgrade looks like a close; ask /me whether the session is still valid.
      fetch('me', { credentials: 'same-origin' }).then(
        (r) => (r.status === 401 ? this.loggedOut() : this.retry()),
        () => this.retry(),
      );
    };
  }

  private loggedOut(): void {
    this.setState('logged-out');
    this.onUnauthorized();
  }

  private retry(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.open(), backoffMs(this.attempt++));
  }
}
