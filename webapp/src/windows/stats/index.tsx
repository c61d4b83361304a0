import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getJson } from '../../api';
import { useFeed } from '../../app/context';
import { bucketSeries, loadHistory, statsResolution } from './series';
import type { WindowProps } from '../props';

export default function Stats({ character }: WindowProps) {
  const feed = useFeed();
  const [who, setWho] = useState(character ?? '');
  const [hours, setHours] = useState(1);
  const [error, setError] = useState('');
  const [points, setPoints] = useState<number | null>(null);
  const [complete, setComplete] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let alive = true, plot: uPlot | null = null;
    const { step, bucketMs } = statsResolution(hours * 3600);
    const load = () => loadHistory(getJson, Date.now() - hours * 3600e3, step, who).then(({ rows, complete }) => {
      if (!alive || !box.current) return;
      const s = bucketSeries(rows, bucketMs);
      plot?.destroy();
      const width = Math.max(240, box.current.clientWidth - 8);
      plot = new uPlot({
        width, height: 240, series: [{}, { label: 'kills/h', stroke: '#e53935' }, { label: 'deaths', stroke: '#888', scale: 'n' }, { label: 'rares', stroke: '#1e88e5', scale: 'n' }],
        axes: [{}, { label: 'kills/h' }, { side: 1, scale: 'n', label: 'count' }],
      }, [s.t, s.kph, s.deaths, s.rares], box.current);
      setPoints(s.t.length);
      setComplete(complete);
      setError('');
    }, (e) => alive && setError(String(e.message ?? e)));
    load();
    const t = setInterval(load, 30_000);
    return () => { alive = false; clearInterval(t); plot?.destroy(); };
  }, [who, hours]);
  return (
    <div>
      <div className="row">
        <label>Character <select value={who} onChange={(e) => setWho(e.target.value)}><option value="">whole fleet</option>
          {Object.keys(feed.characters).sort().map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>Last <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>{[1, 6, 24, 168].map((h) => <option key={h} value={h}>{h < 168 ? `${h} h` : '7 d'}</option>)}</select></label>
      </div>
      <p className="error">{error}{!error && !complete ? 'Too many rows: only the start of the range is shown.' : ''}</p>
      <div ref={box} data-testid="plot" data-points={points ?? undefined} />
    </div>
  );
}
