import { useJson } from '../../app/useJson';
import { enc } from '../../api';
import type { WindowProps } from '../props';

type Quest = { name?: string; description?: string; solves?: number; max_solves?: number; ready_in_s?: number; available_in_seconds?: number; next_available?: string };

export default function QuestsWindow({ character }: WindowProps) {
  const { data, error } = useJson<{ updated_at: string | null; quests: unknown }>(character ? `quests/${enc(character)}` : null, 60_000);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const q = data.quests;
  const list: Array<[string, Quest]> = Array.isArray(q) ? q.map((x: Quest) => [x.description ?? x.name ?? '?', x]) : q && typeof q === 'object' ? Object.entries(q as Record<string, Quest>) : [];
  if (!list.length) return <p className="muted">No quest timers reported.</p>;
  const readyAt = (x: Quest) => x.next_available ? Date.parse(x.next_available) : Date.parse(data.updated_at ?? '') + 1000 * (x.ready_in_s ?? x.available_in_seconds ?? 0);
  return (
    <table>
      <thead><tr><th>Quest</th><th>Solves</th><th>Ready</th></tr></thead>
      <tbody>{list.map(([name, x]) => {
        const at = readyAt(x), ready = !Number.isFinite(at) || at <= Date.now();
        return <tr key={name}><td>{name}</td><td>{x.solves ?? ''}</td><td>{ready ? 'ready' : `in ${Math.ceil((at - Date.now()) / 60000)} min`}</td></tr>;
      })}</tbody>
    </table>
  );
}
