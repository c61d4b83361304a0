// Item search: every filter of GET /inventory/search across all characters, the facet counts per
// set, material and class (a click filters by that value), sorting and paging.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/context';
import { HttpError, getJson } from '../../api';
import { KNOWN_SETS, RATINGS, glyph, itemSummary, ratingsText } from '../../state/items';
import {
  PAGE_SIZES, SORTS, emptyForm, facetRows, pageText, searchQuery, toggleFacet,
  type FacetName, type SearchAnswer, type SearchForm,
} from './model';

const FACETS: Array<[FacetName, string]> = [['armor_set', 'Set'], ['material', 'Material'], ['object_class', 'Class']];

export default function ItemSearch() {
  const { open } = useApp();
  const [form, setForm] = useState<SearchForm>(emptyForm);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  // Searches 300 ms after the form stops changing; only the newest answer is shown.
  useEffect(() => {
    const n = ++asked.current;
    const t = setTimeout(() => {
      setBusy(true);
      getJson<SearchAnswer>(`inventory/search?${searchQuery(form)}`).then((a) => {
        if (n !== asked.current) return;
        setAnswer({ ...a, items: Array.isArray(a.items) ? a.items : [] });
        setError('');
        setBusy(false);
      }, (e) => {
        if (n !== asked.current) return;
        setError(e instanceof HttpError && e.status === 404 ? 'No item search on this server.' : String(e.message ?? e));
        setBusy(false);
      });
    }, 300);
    return () => clearTimeout(t);
  }, [form]);

  /** A change to a filter goes back to the first page. */
  const set = (patch: Partial<SearchForm>) => setForm((f) => ({ ...f, ...patch, offset: 'offset' in patch ? patch.offset! : 0 }));
  const num = (label: string, key: keyof SearchForm, step = '1') => (
    <label>{label} <input type="number" step={step} min="0" value={String(form[key])} aria-label={label} onChange={(e) => set({ [key]: e.target.value } as Partial<SearchForm>)} /></label>
  );
  const items = answer?.items ?? [];
  const sortBy = (k: string) => set({ sort: k, order: form.sort === k && form.order === 'asc' ? 'desc' : form.sort === k ? 'asc' : k === 'name' || k === 'character_name' ? 'asc' : 'desc' });

  return (
    <div className="itemsearch">
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Item filters">
        <div className="row">
          <input type="search" placeholder="Name contains" aria-label="Name" value={form.q} onChange={(e) => set({ q: e.target.value })} />
          <input placeholder="Characters (a, b)" aria-label="Characters" value={form.characters} onChange={(e) => set({ characters: e.target.value })} />
          <select aria-label="Equipped" value={form.equipped} onChange={(e) => set({ equipped: e.target.value as SearchForm['equipped'] })}>
            <option value="">equipped or not</option><option value="true">equipped</option><option value="false">not equipped</option>
          </select>
          <button type="button" onClick={() => setForm(emptyForm())}>Clear</button>
        </div>
        <div className="row">
          {FACETS.map(([k, label]) => (
            <MultiPick key={k} label={label} values={form[k]} options={[...new Set([...Object.keys(answer?.facets?.[k] ?? {}), ...(k === 'armor_set' ? KNOWN_SETS : [])])].sort()}
              onAdd={(v) => setForm(toggleFacet(form, k, v))} onRemove={(v) => setForm(toggleFacet(form, k, v))} />
          ))}
        </div>
        <div className="row">
          <label>All spells <input placeholder="Epic Strength, Major Armor" aria-label="All of spells" value={form.spells_all} onChange={(e) => set({ spells_all: e.target.value })} /></label>
          <label>Any spell <input placeholder="Legendary Focus, Epic Focus" aria-label="Any of spells" value={form.spells_any} onChange={(e) => set({ spells_any: e.target.value })} /></label>
        </div>
        <div className="row numbers">
          {num('Min AL', 'min_armor_level')}
          {num('Min damage', 'min_damage')}
          {num('Max wield', 'max_wield')}
          {num('Tinks from', 'tinks_min')}
          {num('to', 'tinks_max')}
          {num('Work from', 'workmanship_min', '0.1')}
          {num('to ', 'workmanship_max', '0.1')}
        </div>
        <details>
          <summary>Minimum ratings</summary>
          <div className="row numbers">
            {RATINGS.map(([k, label]) => (
              <label key={k}>{label} <input type="number" min="0" aria-label={`Min ${label}`} value={form.ratings[k] ?? ''} onChange={(e) => set({ ratings: { ...form.ratings, [k]: e.target.value } })} /></label>
            ))}
          </div>
        </details>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="search-body">
        <aside className="facets" data-testid="facets" aria-label="Facets">
          {FACETS.map(([k, label]) => {
            const rows = facetRows(answer?.facets?.[k]);
            return (
              <section key={k} data-facet={k}>
                <h3>{label}</h3>
                {rows.length === 0 ? <p className="muted">–</p> : (
                  <ul>{rows.map(([v, n]) => (
                    <li key={v}><button className={`linklike${form[k].includes(v) ? ' chosen' : ''}`} aria-pressed={form[k].includes(v)} data-value={v} onClick={() => setForm(toggleFacet(form, k, v))}>
                      {k === 'object_class' ? `${glyph(v)} ` : ''}{v} <span className="muted">{n}</span>
                    </button></li>))}
                  </ul>
                )}
              </section>
            );
          })}
        </aside>
        <section className="results">
          <div className="row">
            <span data-testid="search-total" data-total={answer?.total ?? ''}>{answer ? pageText(answer, items.length) : busy ? 'Searching…' : ''}</span>
            {busy && <span className="muted">searching…</span>}
            <label>Sort <select aria-label="Sort" value={form.sort} onChange={(e) => set({ sort: e.target.value })}>{SORTS.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}</select></label>
            <button type="button" onClick={() => set({ order: form.order === 'asc' ? 'desc' : 'asc' })} aria-label={`Order ${form.order === 'asc' ? 'ascending' : 'descending'}`}>{form.order === 'asc' ? '▲' : '▼'}</button>
            <label>Per page <select aria-label="Per page" value={form.limit} onChange={(e) => set({ limit: Number(e.target.value) })}>{PAGE_SIZES.map((n) => <option key={n}>{n}</option>)}</select></label>
            <button type="button" disabled={form.offset === 0} onClick={() => set({ offset: Math.max(0, form.offset - form.limit) })}>Previous</button>
            <button type="button" disabled={!answer || form.offset + items.length >= answer.total} onClick={() => set({ offset: form.offset + form.limit })}>Next</button>
          </div>
          <table data-testid="search-results" className="items">
            <thead><tr>
              {([['name', 'Item'], ['character_name', 'Character'], ['armor_level', 'AL'], ['max_damage', 'Dmg'], ['workmanship', 'Wk'], ['tinks', 'Tinks'], ['value', 'Value']] as const).map(([k, label]) => (
                <th key={k} className={k === 'name' || k === 'character_name' ? undefined : 'num'} aria-sort={form.sort === k ? (form.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" onClick={() => sortBy(k)}>{label}{form.sort === k ? (form.order === 'desc' ? ' ▼' : ' ▲') : ''}</button>
                </th>))}
            </tr></thead>
            <tbody>{items.map((i) => (
              <tr key={`${i.character_name}-${i.id}`} data-id={i.id} className={i.equipped ? 'equipped' : undefined}>
                <td title={[itemSummary(i), ratingsText(i.ratings)].filter(Boolean).join('\n')}>
                  <span className="glyph" aria-hidden="true">{glyph(i.object_class)}</span> {i.name}
                  {i.equipped ? <span className="kind equipped">worn</span> : null}
                  <div className="muted small">{[i.armor_set, i.material, ...(i.spells ?? [])].filter(Boolean).join(' · ')}</div>
                </td>
                <td>{i.character_name ? <button type="button" className="linklike" onClick={() => open('inventory', i.character_name!)}>{i.character_name}</button> : ''}</td>
                <td className="num">{i.armor_level || ''}</td>
                <td className="num" title={i.damage_type}>{i.max_damage || ''}</td>
                <td className="num">{i.workmanship ?? ''}</td>
                <td className="num">{i.tinks || ''}</td>
                <td className="num">{i.value?.toLocaleString() ?? ''}</td>
              </tr>))}
            </tbody>
          </table>
          {answer && items.length === 0 && <p className="muted" data-testid="search-empty">No item matches.</p>}
        </section>
      </div>
    </div>
  );
}

function MultiPick({ label, values, options, onAdd, onRemove }: { label: string; values: string[]; options: string[]; onAdd: (v: string) => void; onRemove: (v: string) => void }) {
  return (
    <span className="multipick" role="group" aria-label={label}>
      <select aria-label={`Add ${label.toLowerCase()}`} value="" onChange={(e) => { if (e.target.value) onAdd(e.target.value); }}>
        <option value="">{label}: any</option>
        {options.filter((o) => !values.includes(o)).map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
      {values.map((v) => <button type="button" key={v} className="chip" onClick={() => onRemove(v)} aria-label={`Remove ${v}`}>{v} ×</button>)}
    </span>
  );
}
