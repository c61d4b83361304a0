import { useApp, useFeed } from '../../app/context';
import { useJson } from '../../app/useJson';
import { enc } from '../../api';
import { VitalBars, ago } from '../../app/Bars';
import { formatCoords } from '../../map/transform';
import { position } from '../../state/feed';
import type { WindowProps } from '../props';
import { cantripGroups } from './cantrips';

type Stats = { stats: null | { level?: number; race?: string; attributes?: Record<string, { base?: number } | number>; skills?: Record<string, { base?: number; training?: string } | number> }; cantrips: unknown; totals: null | Record<string, unknown> };
const base = (v: unknown) => (typeof v === 'object' && v ? String((v as { base?: number }).base ?? '') : String(v));

export default function CharacterWindow({ character }: WindowProps) {
  const { open } = useApp();
  const feed = useFeed();
  const c = character ? feed.characters[character] : undefined;
  const { data, error } = useJson<Stats>(character ? `character-stats/${enc(character)}` : null, 60_000);
  const p = position(c?.telemetry);
  const s = data?.stats;
  return (
    <div>
      <div className="row">
        {['radar', 'combat', 'quests', 'inventory'].map((t) => <button key={t} onClick={() => open(t, character)}>{{ radar: 'Radar', combat: 'Combat', quests: 'Quests', inventory: 'Inventory' }[t]}</button>)}
      </div>
      <p>{p ? formatCoords(p.ew, p.ns) : 'position unknown'} · {c ? `seen ${ago(c.lastSeen)} ago` : 'not seen'} · {String(c?.telemetry?.vt_state ?? '')}</p>
      <VitalBars vitals={c?.vitals} />
      {error && <p className="error">{error}</p>}
      {s && <p>Level {s.level} {s.race}</p>}
      {s?.attributes && <><h3>Attributes</h3><table><tbody>{Object.entries(s.attributes).map(([k, v]) => <tr key={k}><td>{k}</td><td>{base(v)}</td></tr>)}</tbody></table></>}
      {s?.skills && <><h3>Skills</h3><table><tbody>{Object.entries(s.skills).map(([k, v]) => <tr key={k}><td>{k}</td><td>{base(v)}</td><td>{typeof v === 'object' ? v.training ?? '' : ''}</td></tr>)}</tbody></table></>}
      <Cantrips cantrips={data?.cantrips} />
      {data?.totals && <p className="muted">Lifetime: {Object.entries(data.totals).filter(([k]) => k !== 'updated_at').map(([k, v]) => `${k} ${v}`).join(' · ')}</p>}
    </div>
  );
}

function Cantrips({ cantrips }: { cantrips: unknown }) {
  const groups = cantripGroups(cantrips);
  if (!groups.length) return null;
  return (
    <>
      <h3>Cantrips</h3>
      <ul className="cantrips" data-testid="cantrips">{groups.map((g, i) => (
        <li key={i}>{g.item && <strong>{g.item}: </strong>}{g.spells.join(', ')}</li>))}</ul>
    </>
  );
}
