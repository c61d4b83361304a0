import { useEffect, useRef } from 'react';
import { useApp, useFeed } from '../../app/context';
import { num, position } from '../../state/feed';
import type { WindowProps } from '../props';

type Obj = { name?: string; object_class?: string; ew?: number; ns?: number; distance?: number };
type Cell = { x: number; y: number };

export default function Radar({ character }: WindowProps) {
  const { conn } = useApp();
  const feed = useFeed();
  const ref = useRef<HTMLCanvasElement>(null);
  const frame = character ? feed.nearby[character] : undefined;
  const objects = ((frame?.objects as Obj[]) ?? []).slice(0, 200);
  const me = position(feed.characters[character ?? '']?.telemetry) ?? position(frame);
  const landblock = frame?.landblock ? String(frame.landblock) : undefined;
  const dungeon = landblock ? feed.dungeonMaps[landblock] : Object.values(feed.dungeonMaps).find((d) => d.character_name === character);
  useEffect(() => { if (landblock && !dungeon) conn.send({ type: 'request_dungeon_map', landblock }); }, [landblock]);
  useEffect(() => {
    const c = ref.current!, ctx = c.getContext('2d')!, s = c.width, r = num(frame?.radius) ?? 50;
    ctx.clearRect(0, 0, s, s);
    ctx.strokeStyle = '#8888';
    for (const k of [1, 2, 3]) { ctx.beginPath(); ctx.arc(s / 2, s / 2, (k * s) / 6, 0, 7); ctx.stroke(); }
    if (dungeon) {
      ctx.fillStyle = '#6a7a8a55';
      const cells = (dungeon.cells as Cell[]) ?? [];
      const xs = cells.map((q) => q.x), ys = cells.map((q) => q.y);
      const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
      for (const q of cells) ctx.fillRect(s / 2 + (q.x - cx) * 2 - 10, s / 2 - (q.y - cy) * 2 - 10, 20, 20);
    }
    // Radar units: objects' map coordinates relative to the character; 1 map unit = 240 m in-game, radius in metres.
    const scale = (s / 2) / (r / 240);
    for (const o of objects) {
      if (!me || o.ew === undefined || o.ns === undefined) continue;
      ctx.fillStyle = o.object_class === 'Monster' ? '#e53935' : o.object_class === 'Player' ? '#2ecc40' : '#999';
      ctx.fillRect(s / 2 + (o.ew - me.ew) * scale - 2, s / 2 - (o.ns - me.ns) * scale - 2, 4, 4);
    }
    ctx.fillStyle = '#1e88e5';
    ctx.fillRect(s / 2 - 3, s / 2 - 3, 6, 6);
  });
  return (
    <div>
      <canvas ref={ref} width={240} height={240} style={{ width: 240, maxWidth: '100%' }} aria-label="Radar" />
      {dungeon && <p>Dungeon: {String(dungeon.dungeon_name ?? dungeon.landblock)}</p>}
      {objects.length === 0 ? <p className="muted">No nearby objects reported (start the plugin's radar, e.g. the command "/radar start").</p> : (
        <table><tbody>{objects.slice(0, 30).map((o, i) => <tr key={i}><td>{o.name}</td><td>{o.object_class}</td><td>{o.distance}</td></tr>)}</tbody></table>
      )}
    </div>
  );
}
