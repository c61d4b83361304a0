// The one client-side store: incoming messages queue up and are applied once per animation
// frame; the map redraws from it every frame, React views are told at most a few times a second.
import { applyBatch, emptyFeed, type FeedState, type Follow, type Frame } from './feed';

export type Listener = () => void;

export class FeedStore {
  state: FeedState = emptyFeed();
  /** Bumped on every applied batch; the map redraws when it changes. */
  version = 0;
  private queue: Frame[] = [];
  private scheduled = false;
  private frameListeners = new Set<Listener>();
  private uiListeners = new Set<Listener>();
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  onFollow: (f: Follow) => void = () => {};

  constructor(
    private readonly schedule: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb()),
    private readonly uiDelayMs = 400,
  ) {}

  push(m: Frame): void {
    this.queue.push(m);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const { state, follow } = applyBatch(this.state, batch, Date.now());
    this.set(state);
    if (follow !== 'none') this.onFollow(follow);
  }

  set(state: FeedState): void {
    this.state = state;
    this.version++;
    this.frameListeners.forEach((l) => l());
    if (this.uiTimer === null) {
      this.uiTimer = setTimeout(() => {
        this.uiTimer = null;
        this.uiListeners.forEach((l) => l());
      }, this.uiDelayMs);
    }
  }

  reset(): void {
    this.queue = [];
    this.set(emptyFeed());
  }

  subscribeFrame(l: Listener): () => void {
    this.frameListeners.add(l);
    return () => this.frameListeners.delete(l);
  }

  subscribeUi = (l: Listener): (() => void) => {
    this.uiListeners.add(l);
    return () => this.uiListeners.delete(l);
  };

  getVersion = (): number => this.version;
}
