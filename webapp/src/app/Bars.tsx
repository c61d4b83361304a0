import { fraction, type Frame } from '../state/feed';

export function VitalBars({ vitals }: { vitals?: Frame }) {
  const v = vitals ?? ({} as Frame);
  return (
    <span className="bars" aria-hidden="true">
      {(['health', 'stamina', 'mana'] as const).map((k) => (
        <span key={k} className={`bar ${k}`}><span style={{ width: `${fraction(v[`${k}_current`], v[`${k}_max`]) * 100}%` }} /></span>
      ))}
    </span>
  );
}

export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}
