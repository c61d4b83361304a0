import { useState } from 'react';
import { useApp } from '../../app/context';
import { useJson } from '../../app/useJson';
import { enc } from '../../api';
import type { WindowProps } from '../props';
import { CombatPicker } from './CombatPicker';
import {
  DEFAULT_MONSTER_SORT, combatView, fmtAvg, fmtInt, fmtPct, nextSort, pickSnapshot, scopeLabel, sortMonsters,
  type CombatAnswer, type ElementRow, type MonsterKey, type MonsterSort, type Scope,
} from './model';

const SCOPE_KEY = 'overlord.combat.scope';
const savedScope = (): Scope => (localStorage.getItem(SCOPE_KEY) === 'lifetime' ? 'lifetime' : 'session');

export default function CombatWindow({ character }: WindowProps) {
  const { open, retarget } = useApp();
  const [scope, setScopeState] = useState<Scope>(savedScope);
  const setScope = (s: Scope) => { setScopeState(s); localStorage.setItem(SCOPE_KEY, s); };
  const [sort, setSort] = useState<MonsterSort>(DEFAULT_MONSTER_SORT);
  const { data, error } = useJson<CombatAnswer>(character ? `combat-stats/${enc(character)}?sessions=1` : null, 15_000);
  const view = combatView(pickSnapshot(data, scope));
  const pick = (name: string) => (character ? retarget('combat', character, name) : open('combat', name));

  return (
    <div className="combat">
      <div className="row">
        <CombatPicker character={character} onPick={pick} />
        <div className="segmented" role="group" aria-label="Scope">
          {(['session', 'lifetime'] as const).map((s) => (
            <button key={s} aria-pressed={scope === s} onClick={() => setScope(s)}>{s === 'session' ? 'Session' : 'Lifetime'}</button>
          ))}
        </div>
        <span className="muted" data-testid="combat-scope">{scopeLabel(data, scope)}</span>
      </div>
      {error && <p className="error">{error}</p>}
      {!data && !error && character && <p className="muted">Loading…</p>}
      {data && !view && <p className="muted">{scope === 'session' ? 'No combat snapshot yet.' : 'Nothing stored yet.'}</p>}
      {view && (
        <>
          <dl className="tiles" data-testid="combat-summary">
            {([
              ['Kills', fmtInt(view.summary.kills)], ['Deaths', fmtInt(view.summary.deaths)], ['Attacks', fmtInt(view.summary.attacks)],
              ['Hit rate', fmtPct(view.summary.hitRate)], ['Crit rate', fmtPct(view.summary.critRate)], ['Evade rate', fmtPct(view.summary.evadeRate)],
              ['Avg hit', fmtAvg(view.summary.avgHit)], ['Max hit', fmtInt(view.summary.maxHit)], ['Damage dealt', fmtInt(view.summary.damageGiven)],
              ['Damage taken', fmtInt(view.summary.damageTaken)], ['Max hit taken', fmtInt(view.summary.maxHitTaken)],
            ] as const).map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
          </dl>
          <h3>Monsters</h3>
          {view.monsters.length ? <MonsterTable rows={sortMonsters(view.monsters, sort)} sort={sort} onSort={(k) => setSort(nextSort(sort, k))} /> : <p className="muted">No monsters in this snapshot.</p>}
          <div className="element-tables">
            <ElementTable title="Offense by element" testId="combat-offense" rows={view.offense} />
            <ElementTable title="Defense by element" testId="combat-defense" rows={view.defense} />
          </div>
        </>
      )}
    </div>
  );
}

const MONSTER_COLUMNS: Array<[MonsterKey, string]> = [
  ['name', 'Monster'], ['kills', 'Kills'], ['hits', 'Hits'], ['damageGiven', 'Damage given'], ['damageTaken', 'Damage taken'], ['maxHit', 'Max hit'],
];

function MonsterTable({ rows, sort, onSort }: { rows: ReturnType<typeof sortMonsters>; sort: MonsterSort; onSort: (k: MonsterKey) => void }) {
  return (
    <table data-testid="combat-monsters">
      <thead><tr>{MONSTER_COLUMNS.map(([k, label]) => (
        <th key={k} className={k === 'name' ? undefined : 'num'} aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
          <button onClick={() => onSort(k)}>{label}{sort.key === k ? (sort.desc ? ' ▼' : ' ▲') : ''}</button>
        </th>))}</tr></thead>
      <tbody>{rows.map((m) => (
        <tr key={m.name}>
          <td>{m.name}</td><td className="num">{fmtInt(m.kills)}</td><td className="num">{fmtInt(m.hits)}</td>
          <td className="num">{fmtInt(m.damageGiven)}</td><td className="num">{fmtInt(m.damageTaken)}</td><td className="num">{fmtInt(m.maxHit)}</td>
        </tr>))}</tbody>
    </table>
  );
}

function ElementTable({ title, testId, rows }: { title: string; testId: string; rows: ElementRow[] }) {
  return (
    <section>
      <h3>{title}</h3>
      {rows.length ? (
        <table data-testid={testId}>
          <thead><tr><th>Element</th><th className="num">Hits</th><th className="num">Damage</th><th className="num">Max hit</th><th className="num">Share</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={r.element}>
              <td>{r.element}</td><td className="num">{fmtInt(r.hits)}</td><td className="num">{fmtInt(r.damage)}</td><td className="num">{fmtInt(r.maxHit)}</td>
              <td className="num share"><span className="share-bar" style={{ width: `${Math.round((r.share ?? 0) * 100)}%` }} />{fmtPct(r.share)}</td>
            </tr>))}</tbody>
        </table>
      ) : <p className="muted">None reported.</p>}
    </section>
  );
}
