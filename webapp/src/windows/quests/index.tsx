import { useJson } from '../../app/useJson';
import { enc } from '../../api';
import type { WindowProps } from '../props';
import { questRows, readyText, solvesText, type QuestsAnswer } from './model';

export default function QuestsWindow({ character }: WindowProps) {
  const { data, error } = useJson<QuestsAnswer>(character ? `quests/${enc(character)}` : null, 60_000);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const rows = questRows(data);
  if (!rows.length) return <p className="muted">No quest timers reported.</p>;
  const now = Date.now();
  return (
    <table data-testid="quests">
      <thead><tr><th>Quest</th><th className="num">Solves</th><th>Ready</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.key} className={r.readyAt !== null && r.readyAt <= now ? 'ready' : undefined}>
          <td title={r.label === r.key ? undefined : r.key}>{r.label}</td>
          <td className="num">{solvesText(r)}</td>
          <td title={r.readyAt === null ? undefined : new Date(r.readyAt).toLocaleString()}>{readyText(r.readyAt, now)}</td>
        </tr>))}</tbody>
    </table>
  );
}
