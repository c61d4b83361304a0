import { useJson, flatten } from '../../app/useJson';
import { enc } from '../../api';
import type { WindowProps } from '../props';

type Combat = { lifetime: null | { sessions: number; totals: unknown }; sessions: Array<{ session_id: string; snapshot: unknown; updated_at: string }> };

export default function CombatWindow({ character }: WindowProps) {
  const { data, error } = useJson<Combat>(character ? `combat-stats/${enc(character)}?sessions=5` : null, 15_000);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const session = data.sessions[0];
  return (
    <div>
      <h3>Session {session?.session_id ?? '–'}</h3>
      {session ? <table><tbody>{flatten(session.snapshot).map(([k, v]) => <tr key={k}><td>{k}</td><td>{v}</td></tr>)}</tbody></table> : <p className="muted">No combat snapshot yet.</p>}
      <h3>Lifetime ({data.lifetime?.sessions ?? 0} sessions)</h3>
      {data.lifetime ? <table><tbody>{flatten(data.lifetime.totals).map(([k, v]) => <tr key={k}><td>{k}</td><td>{v}</td></tr>)}</tbody></table> : <p className="muted">Nothing stored yet.</p>}
    </div>
  );
}
