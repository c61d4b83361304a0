import { describe, expect, it } from 'vitest';
import { applyBatch, emptyFeed, isNewSeq, liveQuery, sidebarOrder, CHAT_LIMIT, type Frame } from '../src/state/feed';
import { FeedStore } from '../src/state/store';
import { backoffMs } from '../src/state/connection';

const tel = (seq: number, name: string, ew = 1, ns = 2): Frame => ({ seq, type: 'telemetry', character_name: name, ew, ns, kills_per_hour: 10 });

describe('feed reducer', () => {
  it('folds telemetry and vitals into characters and remembers the last seq', () => {
    const { state } = applyBatch(emptyFeed(), [tel(1, 'A'), { seq: 2, type: 'vitals', character_name: 'A', health_current: 5, health_max: 10 }], 1000);
    expect(state.lastSeq).toBe(2);
    expect(state.characters.A.telemetry?.ew).toBe(1);
    expect(state.characters.A.vitals?.health_current).toBe(5);
    expect(state.trails.A).toEqual([[1, 2]]);
  });

  it('drops events already seen after a resume', () => {
    const s1 = applyBatch(emptyFeed(), [tel(5, 'A', 1)], 0).state;
    const s2 = applyBatch(s1, [tel(4, 'A', 9), tel(5, 'A', 9), tel(6, 'A', 3)], 0).state;
    expect(s2.characters.A.telemetry?.ew).toBe(3);
    expect(s2.trails.A).toHaveLength(2);
    expect(isNewSeq(null, 1)).toBe(true);
    expect(isNewSeq(3, 3)).toBe(false);
  });

  it('asks for a reload on a gap and accepts the lower seqs of a restarted server', () => {
    const s1 = applyBatch(emptyFeed(), [tel(900, 'A')], 0).state;
    const r = applyBatch(s1, [{ type: 'gap', from: 900, to: 3 }, tel(4, 'A', 7)], 0);
    expect(r.follow).toBe('reload');
    expect(r.state.lastSeq).toBe(4);
    expect(r.state.characters.A.telemetry?.ew).toBe(7);
  });

  it('knows while the server thins the feed, until it says the browser caught up or a new socket starts', () => {
    const thinned = applyBatch(emptyFeed(), [{ type: 'thinning', active: true }, tel(5, 'A')], 0).state;
    expect(thinned.thinning).toBe(true);
    expect(thinned.characters.A).toBeDefined();
    expect(applyBatch(thinned, [{ type: 'thinning', active: false, left_out: 12 }], 0).state.thinning).toBe(false);
    expect(applyBatch(thinned, [{ type: 'snapshot', seq: 9, characters: [] }], 0).state.thinning).toBe(false);
  });

  it('replaces characters from a snapshot and takes its seq', () => {
    const s1 = applyBatch(emptyFeed(), [tel(1, 'Old')], 0).state;
    const r = applyBatch(s1, [{ type: 'snapshot', seq: 42, characters: [{ character_name: 'B', last_seen: '1970-01-01T00:00:01Z', telemetry: { type: 'telemetry', ew: 3, ns: 4 } }] }], 5000);
    expect(Object.keys(r.state.characters)).toEqual(['B']);
    expect(r.state.characters.B.lastSeen).toBe(1000);
    expect(r.state.lastSeq).toBe(42);
    expect(r.follow).toBe('none');
  });

  it('keeps command results and bounded chat', () => {
    const chats: Frame[] = Array.from({ length: CHAT_LIMIT + 10 }, (_, i) => ({ seq: i + 1, type: 'chat', character_name: 'A', channel: 'Plugin', text: `l${i}` }));
    const r = applyBatch(emptyFeed(), [...chats, { type: 'command_result', player_name: 'A', command: '/x', status: 'delivered' }], 0);
    expect(r.state.chat).toHaveLength(CHAT_LIMIT);
    expect(r.state.chat.at(-1)?.text).toBe(`l${CHAT_LIMIT + 9}`);
    expect(r.state.commandResults[0]).toMatchObject({ player_name: 'A', status: 'delivered' });
  });

  it('orders the sidebar online first, then by name', () => {
    const s = applyBatch(emptyFeed(), [tel(1, 'Zed'), tel(2, 'Amy')], 100_000).state;
    s.characters.Amy = { ...s.characters.Amy, lastSeen: 0 };
    expect(sidebarOrder(s, 100_000).map((c) => c.name)).toEqual(['Zed', 'Amy']);
  });

  it('resumes with last_seq, starts with a snapshot', () => {
    expect(liveQuery(null)).toBe('?snapshot=1');
    expect(liveQuery(17)).toBe('?last_seq=17');
  });

  it('backs off up to five seconds', () => {
    expect(backoffMs(0)).toBe(250);
    expect(backoffMs(20)).toBe(5000);
  });
});

describe('store batching', () => {
  it('applies every message pushed before the next frame in one batch', () => {
    const frames: Array<() => void> = [];
    const store = new FeedStore((cb) => frames.push(cb), 0);
    let redraws = 0;
    store.subscribeFrame(() => redraws++);
    for (let i = 1; i <= 200; i++) store.push(tel(i, `C${i}`));
    expect(frames).toHaveLength(1);
    frames[0]();
    expect(redraws).toBe(1);
    expect(Object.keys(store.state.characters)).toHaveLength(200);
  });

  it('asks the connection to reload on a gap', () => {
    const frames: Array<() => void> = [];
    const store = new FeedStore((cb) => frames.push(cb), 0);
    const follows: string[] = [];
    store.onFollow = (f) => follows.push(f);
    store.push({ type: 'gap', from: 1, to: 9 });
    frames[0]();
    expect(follows).toEqual(['reload']);
  });
});
