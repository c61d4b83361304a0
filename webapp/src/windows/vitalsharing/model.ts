import { num } from '../../state/feed';

/** A shared vital as a fraction: `<k>_pct` as the plugins send it, or current over max. */
export function sharedFraction(frame: Record<string, unknown> | undefined, k: string): number | undefined {
  if (!frame) return undefined;
  const pct = num(frame[`${k}_pct`]);
  if (pct !== undefined) return Math.max(0, Math.min(1, pct / 100));
  const cur = num(frame[`${k}_current`]), max = num(frame[`${k}_max`]);
  return cur !== undefined && max ? Math.max(0, Math.min(1, cur / max)) : undefined;
}
