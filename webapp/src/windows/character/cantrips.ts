// Cantrips as GET /character-stats/{character} answers them: the plugin's list as sent, whose
// elements are spell names or worn items with their spells.

export interface CantripGroup {
  /** The item the spells are on; null for spells the plugin listed on their own. */
  item: string | null;
  spells: string[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const spellName = (v: unknown): string | null =>
  text(v) ?? (v && typeof v === 'object' ? text((v as Record<string, unknown>).name) ?? text((v as Record<string, unknown>).spell) : null);

/** Items in the order sent, then one group of the loose spell names (if any); anything else is skipped. */
export function cantripGroups(cantrips: unknown): CantripGroup[] {
  if (!Array.isArray(cantrips)) return [];
  const items: CantripGroup[] = [];
  const loose: string[] = [];
  for (const c of cantrips) {
    const o = c && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>) : null;
    const list = o ? o.spells ?? o.cantrips : undefined;
    if (o && Array.isArray(list)) {
      const spells = list.map(spellName).filter((s): s is string => s !== null);
      const item = text(o.item_name) ?? text(o.name);
      if (spells.length || item) items.push({ item, spells });
    } else {
      const s = spellName(c);
      if (s) loose.push(s);
    }
  }
  return loose.length ? [...items, { item: null, spells: loose }] : items;
}
