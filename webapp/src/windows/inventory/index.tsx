// Inventory: one character's items (GET /inventory/{character}) grouped by where they are (worn,
// main pack, each pack), with type glyphs, sortable and filterable. It reloads 2 s after the last
// live `inventory_delta` of its own character (a burst of loot is one reload); other characters'
// traffic never reloads it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp, useFeed } from '../../app/context';
import { HttpError, enc, getJson } from '../../api';
import type { WindowProps } from '../props';
import { CombatPicker } from '../combat/CombatPicker';
import {
  classesOf, filterItems, glyph, groupItems, itemSummary, nextItemSort, ratingsText, slotLabel, sortItems,
  type Inventory, type Item, type ItemFilter, type ItemSort, type ItemSortKey,
} from '../../state/items';

/** How long after a character's last delta the window reloads. */
export const RELOAD_AFTER_MS = 2000;
/** Then, while the answer is older than the delta's version, again every second, ten times at most. */
const RETRY_MS = 1000;
const RETRIES = 10;

const COLUMNS: Array<[ItemSortKey, string]> = [
  ['name', 'Item'], ['object_class', 'Class'], ['armor_level', 'AL'], ['max_damage', 'Dmg'], ['workmanship', 'Wk'], ['tinks', 'Tinks'], ['burden', 'Burden'], ['value', 'Value'],
];

export default function InventoryWindow({ character }: WindowProps) {
  const { open, retarget } = useApp();
  const feed = useFeed();
  const [inv, setInv] = useState<Inventory | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'absent' | 'error'>('loading');
  const [error, setError] = useState('');
  const [loads, setLoads] = useState(0);
  const [filter, setFilter] = useState<ItemFilter>({ text: '', objectClass: '', equipped: 'all' });
  const [sort, setSort] = useState<ItemSort>({ key: 'name', desc: false });
  const [grouped, setGrouped] = useState(true);

  // The version the last live delta announced: a read side still behind it is asked again.
  const wanted = useRef<number | undefined>(undefined);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(retry.current), []);
  const load = (tries = 0) => {
    if (!character) return;
    clearTimeout(retry.current);
    getJson<Inventory>(`inventory/${enc(character)}`).then((d) => {
      setInv({ ...d, items: Array.isArray(d.items) ? d.items : [] });
      setStatus('ready');
      setError('');
      setLoads((n) => n + 1);
      if (wanted.current !== undefined && d.version < wanted.current && tries < RETRIES) {
        retry.current = setTimeout(() => load(tries + 1), RETRY_MS);
      }
    }, (e) => {
      if (e instanceof HttpError && e.status === 404) { setInv(null); setStatus('absent'); } else { setStatus('error'); setError(String(e.message ?? e)); }
    });
  };
  useEffect(() => { setInv(null); setStatus('loading'); wanted.current = undefined; load(); }, [character]);

  // Only this character's deltas count; the timer restarts with each one (debounced).
  const tick = character ? feed.inventory[character] : undefined;
  const seen = useRef<number | undefined>(tick?.count);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!tick || tick.count === seen.current) return;
    seen.current = tick.count;
    wanted.current = tick.version;
    setPending(true);
    const t = setTimeout(() => { setPending(false); load(); }, RELOAD_AFTER_MS);
    return () => clearTimeout(t);
  }, [tick?.count]);
  useEffect(() => { seen.current = tick?.count; }, [character]);

  const items = inv?.items ?? [];
  const shown = useMemo(() => sortItems(filterItems(items, filter), sort), [items, filter, sort]);
  const groups = useMemo(() => (grouped ? groupItems(shown, items) : [{ key: 'all', label: 'All items', items: shown }]), [shown, items, grouped]);
  const classes = useMemo(() => classesOf(items), [items]);
  const equippedCount = items.filter((i) => i.equipped).length;
  const pick = (name: string) => (character ? retarget('inventory', character, name) : open('inventory', name));

  return (
    <div className="inventory">
      <div className="row">
        <CombatPicker character={character} onPick={pick} />
        <span className="muted" data-testid="inventory-version" data-version={inv?.version ?? ''}>
          {inv ? `version ${inv.version} · ${inv.item_count ?? items.length} items · ${equippedCount} equipped` : ''}
        </span>
        {pending && <span className="muted" data-testid="inventory-pending">changed…</span>}
        <button onClick={() => load()}>Refresh</button>
        <button onClick={() => open('itemsearch')}>Search all</button>
      </div>
      <div className="row" role="group" aria-label="Filter items">
        <input type="search" placeholder="Filter: name, set, material, spell" aria-label="Filter items" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        <select aria-label="Object class" value={filter.objectClass} onChange={(e) => setFilter({ ...filter, objectClass: e.target.value })}>
          <option value="">every class</option>{classes.map((c) => <option key={c} value={c}>{glyph(c)} {c}</option>)}
        </select>
        <div className="segmented" role="group" aria-label="Equipped">
          {(['all', 'yes', 'no'] as const).map((e) => (
            <button key={e} aria-pressed={filter.equipped === e} onClick={() => setFilter({ ...filter, equipped: e })}>{{ all: 'All', yes: 'Equipped', no: 'Carried' }[e]}</button>
          ))}
        </div>
        <label><input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> by pack</label>
        <span className="muted" data-testid="inventory-count" data-loads={loads}>{shown.length} shown</span>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {!inv && (
        <p className="muted" data-testid="inventory-empty">
          {status === 'loading' ? 'Loading…' : status === 'absent' ? 'No inventory reported for this character yet.' : ''}
        </p>
      )}
      {inv && (
        <table data-testid="inventory-items" className="items">
          <thead><tr>{COLUMNS.map(([k, label]) => (
            <th key={k} className={k === 'name' || k === 'object_class' ? undefined : 'num'} aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
              <button onClick={() => setSort(nextItemSort(sort, k))}>{label}{sort.key === k ? (sort.desc ? ' ▼' : ' ▲') : ''}</button>
            </th>))}</tr></thead>
          {groups.map((g) => (
            <tbody key={g.key} data-group={g.key}>
              <tr className="group"><th colSpan={COLUMNS.length} scope="rowgroup">{g.container ? `${glyph('Container')} ` : ''}{g.label} <span className="muted">({g.items.length})</span></th></tr>
              {g.items.map((i) => <ItemRow key={i.id} item={i} />)}
            </tbody>
          ))}
        </table>
      )}
    </div>
  );
}

export function ItemRow({ item: i }: { item: Item }) {
  const slots = i.equipped_slots?.length ? i.equipped_slots : undefined;
  const details = [itemSummary(i), i.spells?.length ? i.spells.join(', ') : '', ratingsText(i.ratings)].filter(Boolean).join('\n');
  return (
    <tr data-id={i.id} className={i.equipped ? 'equipped' : undefined} aria-label={`${i.name}${i.equipped ? ', equipped' : ''}`}>
      <td title={details}>
        <span className="glyph" aria-hidden="true">{glyph(i.object_class)}</span> {i.name}
        {i.stack_size && i.stack_size > 1 ? <span className="muted"> ×{i.stack_size}</span> : null}
        {i.equipped ? <span className="kind equipped" title={slots ? slots.map(slotLabel).join(', ') : 'equipped'}>worn</span> : null}
        {(i.armor_set || i.spells?.length) ? <div className="muted small">{[i.armor_set, ...(i.spells ?? [])].filter(Boolean).join(' · ')}</div> : null}
      </td>
      <td>{i.object_class ?? ''}</td>
      <td className="num">{i.armor_level || ''}</td>
      <td className="num" title={i.damage_type}>{i.max_damage || ''}</td>
      <td className="num">{i.workmanship ?? ''}</td>
      <td className="num">{i.tinks || ''}</td>
      <td className="num">{i.burden ?? ''}</td>
      <td className="num">{i.value?.toLocaleString() ?? ''}</td>
    </tr>
  );
}
