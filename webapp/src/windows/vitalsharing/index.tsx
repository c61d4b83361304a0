// Vital sharing: the plugin sessions that share (GET /vital-sharing/peers, every 5 s) and the
// vitals each shared last.
import { useApp } from '../../app/context';
import { useJson } from '../../app/useJson';
import { ago } from '../../app/Bars';
import { sharedFraction } from './model';

interface Peer {
  character_name: string | null;
  session_id: string;
  types: string[];
  last_seen: string;
  latest?: Record<string, Record<string, unknown>>;
}

export default function VitalSharing() {
  const { open } = useApp();
  const { data, error, missing } = useJson<{ peers: Peer[] }>('vital-sharing/peers', 5000);
  const peers = [...(data?.peers ?? [])].sort((a, b) => String(a.character_name).localeCompare(String(b.character_name)));
  if (missing) return <p className="muted" data-testid="peers-empty">No vital sharing: this server does not relay shared vitals.</p>;
  return (
    <div>
      {error && <p role="alert" className="error">{error}</p>}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && peers.length === 0 && <p className="muted" data-testid="peers-empty">No plugin is sharing its vitals.</p>}
      <ul className="chat-lines" data-testid="peers">
        {peers.map((p) => {
          const v = p.latest?.share_vitals;
          const seen = Date.parse(p.last_seen);
          const name = p.character_name ?? `session ${p.session_id.slice(0, 8)}`;
          return (
            <li key={p.session_id} className="peer" data-peer={name}>
              {p.character_name ? <button className="linklike" onClick={() => open('character', p.character_name!)}>{name}</button> : <span>{name}</span>}
              <span className="muted">{Number.isFinite(seen) ? `${ago(seen)} ago` : '–'}</span>
              <span className="bars" role="group" aria-label={`${name}'s shared vitals`}>
                {(['health', 'stamina', 'mana'] as const).map((k) => {
                  const f = sharedFraction(v, k);
                  return (
                    <span key={k} className={`bar ${k}`} role="meter" aria-label={k} aria-valuemin={0} aria-valuemax={100} aria-valuenow={f === undefined ? undefined : Math.round(f * 100)}>
                      <span style={{ width: `${(f ?? 0) * 100}%` }} />
                    </span>
                  );
                })}
              </span>
              {Array.isArray(v?.debuffs) && (v!.debuffs as unknown[]).length > 0 && <span className="muted" style={{ gridColumn: '1 / -1' }}>{(v!.debuffs as unknown[]).map(String).join(', ')}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
