import { useEffect, useState, useSyncExternalStore } from 'react';
import { useApp } from '../../app/context';

const RANGES: Array<[string, number]> = [['1 hour', 3600e3], ['6 hours', 6 * 3600e3], ['24 hours', 24 * 3600e3], ['7 days', 7 * 24 * 3600e3]];

export default function TimeTravel() {
  const { replay } = useApp();
  useSyncExternalStore((l) => replay.subscribe(l), () => replay.version);
  const [range, setRange] = useState(3600e3);
  const [, tick] = useState(0);
  useEffect(() => { const t = setInterval(() => tick((n) => n + 1), 500); return () => { clearInterval(t); }; }, []);
  useEffect(() => () => replay.live(), []);
  const now = Date.now(), min = now - range;
  const value = replay.active ? replay.clock : now;
  const [error, setError] = useState('');
  const seek = (t: number) => replay.seek(t).then(() => setError(''), (e) => setError(String(e.message ?? e)));
  return (
    <div>
      <div className="row">
        <label>Range <select value={range} onChange={(e) => setRange(Number(e.target.value))}>{RANGES.map(([l, v]) => <option key={v} value={v}>{l}</option>)}</select></label>
        <label>Speed <select value={replay.speed} onChange={(e) => { replay.speed = Number(e.target.value); tick((n) => n + 1); }}>
          {[1, 10, 60, 300, 1800].map((s) => <option key={s} value={s}>{s}×</option>)}</select></label>
        <span data-testid="replay-state" className={replay.active ? 'badge reconnecting' : 'badge live'}>{replay.active ? 'replay' : 'live'}</span>
      </div>
      <input type="range" min={min} max={now} step={1000} value={Math.max(min, value)} aria-label="Time" style={{ width: '100%' }}
        onChange={(e) => seek(Number(e.target.value))} />
      <div className="row">
        <output data-testid="replay-clock">{new Date(value).toLocaleString()}</output>
        <button onClick={() => { if (!replay.active) void seek(min).then(() => replay.play()); else if (replay.playing) replay.pause(); else replay.play(); }}>
          {replay.playing ? 'Pause' : 'Play'}</button>
        <button onClick={() => replay.live()} disabled={!replay.active}>Back to live</button>
      </div>
      <p className="error" role="alert">{error}</p>
    </div>
  );
}
