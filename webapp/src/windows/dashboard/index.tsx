import { useState } from 'react';
import { useApp, useFeed } from '../../app/context';
import { isOnline, num, type Character } from '../../state/feed';
import { VitalBars, ago } from '../../app/Bars';

type Key = 'name' | 'online' | 'kph' | 'kills' | 'deaths' | 'rares' | 'health' | 'seen';
const val = (c: Character, k: Key): number | string => {
  const t: Record<string, unknown> = c.telemetry ?? {}, v: Record<string, unknown> = c.vitals ?? {};
  switch (k) {
    case 'name': return c.name;
    case 'online': return isOnline(c, Date.now()) ? 1 : 0;
    case 'kph': return num(t.kills_per_hour) ?? -1;
    case 'kills': return num(t.kills) ?? -1;
    case 'deaths': return num(t.total_deaths ?? t.deaths) ?? -1;
    case 'rares': return num(t.rares_found) ?? -1;
    case 'health': return (num(v.health_current) ?? 0) / (num(v.health_max) || 1);
    case 'seen': return c.lastSeen;
  }
};

export default function Dashboard() {
  const { open } = useApp();
  const feed = useFeed();
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'kph', desc: true });
  const rows = Object.values(feed.characters).sort((a, b) => {
    const x = val(a, sort.key), y = val(b, sort.key);
    const r = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
    return sort.desc ? -r : r;
  });
  const cols: Array<[Key, string]> = [['name', 'Character'], ['online', 'Online'], ['health', 'Vitals'], ['kph', 'Kills/h'], ['kills', 'Kills'], ['deaths', 'Deaths'], ['rares', 'Rares'], ['seen', 'Last seen']];
  return (
    <table>
      <thead><tr>{cols.map(([k, label]) => (
        <th key={k} aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
          <button onClick={() => setSort({ key: k, desc: sort.key === k ? !sort.desc : k !== 'name' })}>{label}{sort.key === k ? (sort.desc ? ' ▼' : ' ▲') : ''}</button>
        </th>))}</tr></thead>
      <tbody>{rows.map((c) => {
        const t: Record<string, unknown> = c.telemetry ?? {};
        return (
          <tr key={c.name}>
            <td><button className="linklike" onClick={() => open('character', c.name)}>{c.name}</button></td>
            <td>{isOnline(c, Date.now()) ? 'yes' : 'no'}</td>
            <td><VitalBars vitals={c.vitals} /></td>
            <td>{String(t.kills_per_hour ?? '–')}</td><td>{String(t.kills ?? '–')}</td>
            <td>{String(t.total_deaths ?? t.deaths ?? '–')}</td><td>{String(t.rares_found ?? '–')}</td><td>{ago(c.lastSeen)}</td>
          </tr>);
      })}</tbody>
    </table>
  );
}
