import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getJson, enc } from '../../api';
import { useFeed } from '../../app/context';
import { bucketSeries, type Row } from './series';
import type { WindowProps } from '../registry';

async function history(fromMs: number, character: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null, pages = 0;
  do {
    const q: string = `history?from=${new Date(fromMs).toISOString()}&limit=10000${character ? `&character=${enc(character)}` : ''}${cursor ? `&cursor=${enc(cursor)}` : ''}`;
    const page: { rows: Row[]; next: string | null } = await getJson(q);
    rows.push(...page.rows);
    cursor = page.next;
  } while (cursor && ++pages < 5);
  return rows;
}

export default function Stats({ character }: WindowProps) {
  const feed = useFeed();
  const [who, setWho] = useState(character ?? '');
  const [hours, setHours] = useState(1);
  const [error, setError] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let alive = true, plot: uPlot | null = null;
    const load = () => history(Date.now() - hours * 3600e3, who).then((rows) => {
      if (!alive || !box.current) return;
      const s = bucketSeries(rows, Math.max(60e3, (hours * 3600e3) / 240));
      plot?.destroy();
      const width = Math.max(240, box.current.clientWidth - 8);
      plot = new uPlot({
        width, height: 240, series: [{}, { label: 'kills/h', stroke: '#e53935' }, { label: 'deaths', stroke: '#888', scale: 'n' }, { label: 'rares', stroke: '#1e88e5', scale: 'n' }],
        axes: [{}, { label: 'kills/h' }, { side: 1, scale: 'n', label: 'count' }],
      }, [s.t, s.kph, s.deaths, s.rares], box.current);
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
      <p className="error">{error}</p>
      <div ref={box} data-testid="plot" />
    </div>
  );
}
