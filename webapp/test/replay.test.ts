import { afterEach, describe, expect, it, vi } from 'vitest';
import { Replay } from '../src/state/replay';

// A fetch whose answers the test releases one at a time, as a slow server would send them.
function slowFetch() {
  const pending: Array<{ url: string; answer: (body: unknown) => void }> = [];
  const fetch = vi.fn((url: string) => new Promise((done) => {
    pending.push({ url, answer: (body) => done({ ok: true, status: 200, json: async () => body }) });
  }));
  vi.stubGlobal('fetch', fetch);
  return pending;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('time travel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('holds the clock still while the snapshot loads, so Play pressed meanwhile starts from the chosen instant', async () => {
    const pending = slowFetch();
    const replay = new Replay();
    replay.speed = 1800;
    const at = Date.now() - 3600e3;
    const seeking = replay.seek(at);
    replay.play();
    expect(replay.tick(performance.now() + 1000)).toBe(false);
    expect(replay.clock).toBe(at);
    expect(pending[0].url).toContain('history/snapshot');
    pending[0].answer({ characters: [{ character_name: 'Larsson', timestamp: new Date(at).toISOString(), ew: 1, ns: 2 }] });
    await settle();
    expect(replay.positions).toEqual({ Larsson: { ew: 1, ns: 2 } });
    const rows = pending.find((p) => p.url.startsWith('history?'));
    expect(rows?.url).toContain(`from=${new Date(at).toISOString()}`);
    rows!.answer({ rows: [{ character_name: 'Larsson', timestamp: new Date(at + 60_000).toISOString(), ew: 5, ns: 6 }], next: null });
    await seeking;
    const start = performance.now();
    replay.tick(start);
    replay.tick(start + 100);
    expect(replay.clock).toBeGreaterThan(at + 60_000);
    expect(replay.positions.Larsson).toEqual({ ew: 5, ns: 6 });
  });

  it('drops the answer of a seek that a later seek replaced', async () => {
    const pending = slowFetch();
    const replay = new Replay();
    const first = Date.now() - 7200e3, second = Date.now() - 600e3;
    void replay.seek(first);
    void replay.seek(second);
    pending[1].answer({ characters: [{ character_name: 'Second', timestamp: '', ew: 3, ns: 4 }] });
    await settle();
    pending[0].answer({ characters: [{ character_name: 'First', timestamp: '', ew: 1, ns: 2 }] });
    await settle();
    expect(Object.keys(replay.positions)).toEqual(['Second']);
    expect(replay.clock).toBe(second);
  });

  it('going back to live forgets a seek still loading', async () => {
    const pending = slowFetch();
    const replay = new Replay();
    void replay.seek(Date.now() - 600e3);
    replay.live();
    pending[0].answer({ characters: [{ character_name: 'Late', timestamp: '', ew: 1, ns: 2 }] });
    await settle();
    expect(replay.active).toBe(false);
    expect(replay.positions).toEqual({});
  });
});
