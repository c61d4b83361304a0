// Inventory items as the API returns them (GET /inventory/{character}, GET /inventory/search, the
// suitbuilder's results), and the pure rules the inventory, search and suitbuilder windows share.

export interface Item {
  id: number;
  name: string;
  object_class?: string;
  container_id?: number;
  equipped?: boolean;
  equipped_slots?: string[];
  coverage?: string[];
  material?: string;
  armor_set?: string;
  armor_level?: number;
  max_damage?: number;
  damage_type?: string;
  damage_bonus?: number;
  wield_requirement?: number;
  wield_skill?: string;
  spells?: string[];
  ratings?: Record<string, number>;
  tinks?: number;
  workmanship?: number;
  burden?: number;
  value?: number;
  stack_size?: number;
  icon?: number;
  /** Only in search results. */
  character_name?: string;
}

export interface Inventory {
  character_name: string;
  version: number;
  updated_at?: string;
  item_count: number;
  items: Item[];
}

/** The rating names of the API (Item.RATINGS on the server), with labels. */
export const RATINGS: Array<[string, string]> = [
  ['damage', 'Damage'], ['damage_resist', 'Damage resist'], ['crit', 'Crit'], ['crit_resist', 'Crit resist'],
  ['crit_damage', 'Crit damage'], ['crit_damage_resist', 'Crit damage resist'], ['heal_boost', 'Heal boost'], ['vitality', 'Vitality'],
];

/** The slots the suitbuilder fills, as the API writes them. */
export const SLOTS = [
  'Head', 'Chest', 'Abdomen', 'UpperArms', 'LowerArms', 'Hands', 'UpperLegs', 'LowerLegs', 'Feet',
  'Shirt', 'Pants', 'Neck', 'LeftWrist', 'RightWrist', 'LeftFinger', 'RightFinger', 'Trinket', 'Cloak',
];

/** Armour sets the game knows (the search's facets add whatever else the server has seen). */
export const KNOWN_SETS = [
  "Soldier's Set", "Adept's Set", "Archer's Set", "Defender's Set", "Tinker's Set", "Crafter's Set", 'Hearty Set',
  'Dexterous Set', 'Wise Set', 'Swift Set', 'Hardened Set', 'Reinforced Set', 'Interlocking Set',
  'Flame Proof Set', 'Acid Proof Set', 'Cold Proof Set', 'Lightning Proof Set',
];

// Symbols common fonts draw (no emoji: a headless or plain Linux browser shows those as boxes).
const GLYPHS: Record<string, string> = {
  armor: '☗', clothing: '▤', jewelry: '◈', meleeweapon: '⚔', missileweapon: '➶', wandstafforb: '⚚',
  container: '▣', manastone: '◆', spellcomponent: '✦', healingkit: '✚', food: '♨', gem: '❖',
  tradenote: '✉', key: '⚷', scroll: '☰', salvage: '⚒', potion: '⚗', misc: '•',
};

/** A type glyph per object class; a dot for a class not listed. */
export function glyph(objectClass: string | undefined): string {
  return GLYPHS[(objectClass ?? '').toLowerCase().replace(/[^a-z]/g, '')] ?? '•';
}

/** "UpperArms" -> "Upper arms". */
export function slotLabel(s: string): string {
  const w = s.replace(/([a-z])([A-Z])/g, '$1 $2');
  return w.charAt(0) + w.slice(1).toLowerCase();
}

/** What the item's row says after its name: armour level, damage, set, material, tinks ... */
export function itemSummary(i: Item): string {
  const parts: string[] = [];
  if (i.armor_level) parts.push(`AL ${i.armor_level}`);
  if (i.max_damage) parts.push(`${i.max_damage} ${i.damage_type ?? ''}`.trim());
  else if (i.damage_type) parts.push(i.damage_type);
  if (i.damage_bonus) parts.push(`×${i.damage_bonus}`);
  if (i.armor_set) parts.push(i.armor_set);
  if (i.material) parts.push(i.material);
  if (i.workmanship) parts.push(`wk ${i.workmanship}`);
  if (i.tinks) parts.push(`${i.tinks} tinks`);
  if (i.wield_requirement) parts.push(`wield ${i.wield_skill ?? ''} ${i.wield_requirement}`.replace('  ', ' '));
  return parts.join(' · ');
}

export function ratingsText(r: Record<string, number> | undefined): string {
  if (!r) return '';
  return Object.entries(r).filter(([, v]) => v).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', ');
}

export type ItemSortKey = 'name' | 'object_class' | 'armor_level' | 'max_damage' | 'workmanship' | 'value' | 'burden' | 'tinks';
export interface ItemSort { key: ItemSortKey; desc: boolean }

/** Items sorted by a column; missing values last whichever the direction; then by name and id. */
export function sortItems(items: Item[], sort: ItemSort): Item[] {
  const k = sort.key;
  return [...items].sort((a, b) => {
    const x = a[k], y = b[k];
    if (x !== y) {
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (c !== 0) return sort.desc ? -c : c;
    }
    return a.name.localeCompare(b.name) || a.id - b.id;
  });
}

export function nextItemSort(s: ItemSort, key: ItemSortKey): ItemSort {
  return s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'name' && key !== 'object_class' };
}

export interface ItemFilter { text: string; objectClass: string; equipped: 'all' | 'yes' | 'no' }

/** Items matching the window's filter: text in the name, set, material or spells; class; equipped or not. */
export function filterItems(items: Item[], f: ItemFilter): Item[] {
  const t = f.text.trim().toLowerCase();
  return items.filter((i) =>
    (!f.objectClass || i.object_class === f.objectClass)
    && (f.equipped === 'all' || (f.equipped === 'yes') === !!i.equipped)
    && (!t || [i.name, i.armor_set, i.material, ...(i.spells ?? [])].some((s) => s && s.toLowerCase().includes(t))));
}

export interface ItemGroup { key: string; label: string; container?: Item; items: Item[] }

/**
 * Items by where they are: worn and wielded first, then the main pack (container 0 or the
 * character), then each pack by name with what it holds; an item in a container the inventory
 * does not list goes to the main pack. A pack itself is listed as its group's header, not inside.
 */
export function groupItems(items: Item[], all: Item[] = items): ItemGroup[] {
  const packs = new Map(all.filter((i) => (i.object_class ?? '').toLowerCase() === 'container').map((p) => [p.id, p]));
  const equipped: Item[] = [], main: Item[] = [];
  const inPack = new Map<number, Item[]>();
  for (const i of items) {
    if (packs.has(i.id)) { if (!inPack.has(i.id)) inPack.set(i.id, []); continue; }
    if (i.equipped) equipped.push(i);
    else if (i.container_id && packs.has(i.container_id)) {
      const l = inPack.get(i.container_id) ?? [];
      l.push(i);
      inPack.set(i.container_id, l);
    } else main.push(i);
  }
  const groups: ItemGroup[] = [];
  if (equipped.length) groups.push({ key: 'equipped', label: 'Equipped', items: equipped });
  if (main.length) groups.push({ key: 'main', label: 'Main pack', items: main });
  const ordered = [...inPack.entries()].sort(([a], [b]) => (packs.get(a)!.name.localeCompare(packs.get(b)!.name)) || a - b);
  ordered.forEach(([id, l], n) => {
    const p = packs.get(id)!;
    groups.push({ key: `pack-${id}`, label: `${p.name} ${n + 1}`, container: p, items: l });
  });
  return groups;
}

/** Distinct object classes, sorted. */
export function classesOf(items: Item[]): string[] {
  return [...new Set(items.map((i) => i.object_class).filter((c): c is string => !!c))].sort();
}
