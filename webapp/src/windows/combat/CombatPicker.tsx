// The Combat window's character picker: every character the live feed knows, online first.
import { useFeed } from '../../app/context';
import { sidebarOrder } from '../../state/feed';

export function CombatPicker({ character, onPick }: { character?: string; onPick: (name: string) => void }) {
  const feed = useFeed();
  const names = sidebarOrder(feed, Date.now()).map((c) => c.name);
  if (character && !names.includes(character)) names.unshift(character);
  return (
    <select aria-label="Character" value={character ?? ''} onChange={(e) => { if (e.target.value) onPick(e.target.value); }}>
      {!character && <option value="">choose a character</option>}
      {names.map((n) => <option key={n} value={n}>{n}</option>)}
    </select>
  );
}
