// Suitbuilder: the constraints (sets and pieces, cantrips and spells that must be covered, locked
// slots, minimum ratings, whose items, how many results, a time limit), POST /inventory/suitbuilder
// read as a stream of server-sent events: live progress and each result as it comes; Cancel
// aborts the request, which ends the search on the server.
import { useEffect, useRef, useState } from 'react';
import { useFeed } from '../../app/context';
import { isOnline, sidebarOrder } from '../../state/feed';
import { KNOWN_SETS, RATINGS, SLOTS, glyph, slotLabel } from '../../state/items';
import { StreamError, postEventStream } from '../../sse';
import { applyEvent, defaultConstraints, idleRun, requestBody, type Constraints, type RunState, type SuitResult } from './model';

export default function Suitbuilder() {
  const feed = useFeed();
  const [c, setC] = useState<Constraints>(defaultConstraints);
  const [run, setRun] = useState<RunState>(idleRun);
  const [problems, setProblems] = useState<string[]>([]);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const chars = sidebarOrder(feed, Date.now()).map((x) => x.name);
  const known = [...new Set([...chars, ...c.characters])];
  const set = (patch: Partial<Constraints>) => setC((x) => ({ ...x, ...patch }));
  const toggleChar = (n: string) => set({ characters: c.characters.includes(n) ? c.characters.filter((x) => x !== n) : [...c.characters, n] });

  const start = () => {
    const { body, problems } = requestBody(c);
    setProblems(problems);
    if (problems.length) return;
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setRun({ ...idleRun(), status: 'running' });
    postEventStream('inventory/suitbuilder', body, ac.signal, (e) => {
      let data: unknown = null;
      try { data = JSON.parse(e.data); } catch { /* not JSON: kept as null */ }
      if (abort.current === ac) setRun((s) => applyEvent(s, e.event, data));
    }).then(() => {
      if (abort.current !== ac) return;
      // The stream ended without a done event: the server went away.
      setRun((s) => (s.status === 'running' ? { ...s, status: 'error', error: 'the stream ended early' } : s));
    }, (err) => {
      if (abort.current !== ac) return;
      if (ac.signal.aborted) { setRun((s) => ({ ...s, status: 'cancelled' })); return; }
      const msg = err instanceof StreamError
        ? (err.status === 429 ? `too many searches running${err.retryAfterS ? `: try again in ${err.retryAfterS} s` : ''}`
          : err.status === 404 ? 'No suitbuilder on this server.' : err.message)
        : String(err?.message ?? err);
      setRun((s) => ({ ...s, status: 'error', error: msg }));
    });
  };
  const cancel = () => {
    const ac = abort.current;
    if (!ac) return;
    ac.abort();
    setRun((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s));
  };
  const running = run.status === 'running';

  return (
    <div className="suitbuilder">
      <form aria-label="Suit constraints" onSubmit={(e) => { e.preventDefault(); if (!running) start(); }}>
        <div className="row">
          <label>Primary set <select aria-label="Primary set" value={c.primarySet} onChange={(e) => set({ primarySet: e.target.value })}>{KNOWN_SETS.map((s) => <option key={s}>{s}</option>)}</select></label>
          <label>pieces <input type="number" min="1" max="9" aria-label="Primary pieces" value={c.primaryPieces} onChange={(e) => set({ primaryPieces: Number(e.target.value) })} /></label>
          <label>Secondary <select aria-label="Secondary set" value={c.secondarySet} onChange={(e) => set({ secondarySet: e.target.value })}><option value="">none</option>{KNOWN_SETS.map((s) => <option key={s}>{s}</option>)}</select></label>
          {c.secondarySet && <label>pieces <input type="number" min="1" max="9" aria-label="Secondary pieces" value={c.secondaryPieces} onChange={(e) => set({ secondaryPieces: Number(e.target.value) })} /></label>}
        </div>
        <div className="row">
          <label>Cantrips <input placeholder="Epic Strength, Legendary Invulnerability" aria-label="Required cantrips" value={c.cantrips} onChange={(e) => set({ cantrips: e.target.value })} size={36} /></label>
          <label>Spells <input placeholder="Impenetrability VII" aria-label="Required spells" value={c.spells} onChange={(e) => set({ spells: e.target.value })} /></label>
        </div>
        <div className="row" role="group" aria-label="Locked slots">
          {c.locked.map((l, i) => (
            <span key={i} className="locked">
              <select aria-label={`Locked slot ${i + 1}`} value={l.slot} onChange={(e) => set({ locked: c.locked.map((x, j) => j === i ? { ...x, slot: e.target.value } : x) })}>{SLOTS.map((s) => <option key={s} value={s}>{slotLabel(s)}</option>)}</select>
              <input aria-label={`Locked item ${i + 1}`} placeholder="item id" value={l.itemId} size={11} onChange={(e) => set({ locked: c.locked.map((x, j) => j === i ? { ...x, itemId: e.target.value } : x) })} />
              <button type="button" aria-label={`Unlock slot ${i + 1}`} onClick={() => set({ locked: c.locked.filter((_, j) => j !== i) })}>×</button>
            </span>
          ))}
          <button type="button" onClick={() => set({ locked: [...c.locked, { slot: SLOTS.find((s) => !c.locked.some((l) => l.slot === s)) ?? 'Head', itemId: '' }] })}>Lock a slot</button>
        </div>
        <details>
          <summary>Minimum ratings</summary>
          <div className="row numbers">
            {RATINGS.map(([k, label]) => (
              <label key={k}>{label} <input type="number" min="0" aria-label={`Min ${label}`} value={c.minRatings[k] ?? ''} onChange={(e) => set({ minRatings: { ...c.minRatings, [k]: e.target.value } })} /></label>
            ))}
          </div>
        </details>
        <fieldset className="chars-pick">
          <legend>Characters ({c.characters.length})
            {' '}<button type="button" className="linklike" onClick={() => set({ characters: sidebarOrder(feed, Date.now()).filter((x) => isOnline(x, Date.now())).map((x) => x.name).slice(0, 50) })}>online</button>
            {' · '}<button type="button" className="linklike" onClick={() => set({ characters: [] })}>none</button>
          </legend>
          {known.length === 0 ? <span className="muted">No character known yet.</span> : known.map((n) => (
            <label key={n}><input type="checkbox" checked={c.characters.includes(n)} onChange={() => toggleChar(n)} /> {n}</label>
          ))}
        </fieldset>
        <div className="row">
          <label>Results <input type="number" min="1" max="20" aria-label="Results" value={c.results} onChange={(e) => set({ results: Number(e.target.value) })} /></label>
          <label>Time limit (s) <input type="number" min="1" max="120" aria-label="Time limit" value={c.timeLimitS} onChange={(e) => set({ timeLimitS: Number(e.target.value) })} /></label>
          <button type="submit" disabled={running}>Search</button>
          <button type="button" disabled={!running} onClick={cancel}>Cancel</button>
        </div>
      </form>
      {problems.length > 0 && <p role="alert" className="error">{problems.join('; ')}</p>}
      {run.error && <p role="alert" className="error">{run.error}</p>}
      <p className="muted" data-testid="suit-status" data-status={run.status} data-checked={run.progress?.checked ?? run.done?.checked ?? 0} data-results={run.results.length}>
        {statusText(run)}
      </p>
      {running && <progress aria-label="Search time" max={c.timeLimitS * 1000} value={run.progress?.elapsed_ms ?? 0} />}
      <ol className="suits" data-testid="suit-results">
        {run.results.map((r) => <SuitCard key={r.rank} r={r} />)}
      </ol>
    </div>
  );
}

function statusText(r: RunState): string {
  const p = r.progress;
  const checked = (n: number) => `${n.toLocaleString()} combinations checked`;
  switch (r.status) {
    case 'idle': return 'Set the constraints and search.';
    case 'running': return p ? `Searching… ${checked(p.checked)} in ${(p.elapsed_ms / 1000).toFixed(1)} s${p.best_score !== null ? `, best score ${p.best_score}` : ''}` : 'Searching…';
    case 'done': return `Done (${r.done?.reason === 'time_limit' ? 'time limit reached' : 'complete'}): ${checked(r.done?.checked ?? 0)} in ${((r.done?.elapsed_ms ?? 0) / 1000).toFixed(1)} s, ${r.results.length} result${r.results.length === 1 ? '' : 's'}.`;
    case 'cancelled': return `Cancelled${p ? ` after ${checked(p.checked)}` : ''}.`;
    case 'error': return 'The search failed.';
  }
}

function SuitCard({ r }: { r: SuitResult }) {
  return (
    <li className="suit" data-rank={r.rank}>
      <header>
        <strong>#{r.rank}</strong> score {r.score}
        {r.armor_level !== undefined && <> · AL {r.armor_level}</>}
        {' · '}{Object.entries(r.sets).map(([s, n]) => `${s} ×${n}`).join(', ') || 'no set'}
        {r.ratings && Object.keys(r.ratings).length > 0 && <span className="muted"> · {Object.entries(r.ratings).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', ')}</span>}
      </header>
      <table className="items">
        <thead><tr><th>Slot</th><th>Item</th><th>Character</th><th>Set</th><th className="num">AL</th><th>Spells</th></tr></thead>
        <tbody>{r.items.map((x, i) => (
          <tr key={`${x.slot}-${i}`} data-slot={x.slot}>
            <td>{slotLabel(x.slot)}</td>
            <td><span className="glyph" aria-hidden="true">{glyph(x.item.object_class)}</span> {x.item.name}{x.item.equipped ? <span className="kind equipped">worn</span> : null}</td>
            <td>{x.character_name}</td>
            <td>{x.item.armor_set ?? ''}</td>
            <td className="num">{x.item.armor_level || ''}</td>
            <td className="small">{(x.item.spells ?? []).map((s) => <span key={s} className={r.overlapping.includes(s) ? 'overlap' : undefined}>{s} </span>)}</td>
          </tr>))}
        </tbody>
      </table>
      <p className="small">
        {r.covered.length > 0 && <span className="covered">Covered: {r.covered.join(', ')}. </span>}
        {r.missing.length > 0 && <span className="missing">Missing: {r.missing.join(', ')}. </span>}
        {r.overlapping.length > 0 && <span className="overlapping">Overlapping: {r.overlapping.join(', ')}.</span>}
      </p>
    </li>
  );
}
