// The item search's form state and how it becomes GET /inventory/search's query.
import { RATINGS, type Item } from '../../state/items';

export interface SearchForm {
  q: string;
  object_class: string[];
  material: string[];
  armor_set: string[];
  spells_all: string;
  spells_any: string;
  min_armor_level: string;
  min_damage: string;
  ratings: Record<string, string>;
  tinks_min: string;
  tinks_max: string;
  workmanship_min: string;
  workmanship_max: string;
  max_wield: string;
  equipped: '' | 'true' | 'false';
  characters: string;
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type FacetName = 'armor_set' | 'material' | 'object_class';

export interface SearchAnswer {
  total: number;
  limit: number;
  offset: number;
  items: Item[];
  facets?: Partial<Record<FacetName, Record<string, number>>>;
}

export const SORTS = ['name', 'armor_level', 'max_damage', 'workmanship', 'value', 'tinks', 'character_name'];
export const PAGE_SIZES = [25, 50, 100, 250, 500];

export function emptyForm(): SearchForm {
  return {
    q: '', object_class: [], material: [], armor_set: [], spells_all: '', spells_any: '', min_armor_level: '', min_damage: '',
    ratings: {}, tinks_min: '', tinks_max: '', workmanship_min: '', workmanship_max: '', max_wield: '', equipped: '',
    characters: '', sort: 'name', order: 'asc', limit: 50, offset: 0,
  };
}

/** "a, b,,c " -> "a,b,c": the API's comma lists, without empty names. */
export function commaList(s: string): string {
  return s.split(',').map((x) => x.trim()).filter(Boolean).join(',');
}

/** The query string: only what is set, so that an empty form asks for everything. */
export function searchQuery(f: SearchForm): URLSearchParams {
  const q = new URLSearchParams();
  const put = (k: string, v: string) => { if (v.trim()) q.set(k, v.trim()); };
  put('q', f.q);
  for (const k of ['object_class', 'material', 'armor_set'] as const) if (f[k].length) q.set(k, f[k].join(','));
  put('spells_all', commaList(f.spells_all));
  put('spells_any', commaList(f.spells_any));
  put('min_armor_level', f.min_armor_level);
  put('min_damage', f.min_damage);
  for (const [name] of RATINGS) put(`min_rating_${name}`, f.ratings[name] ?? '');
  put('tinks_min', f.tinks_min);
  put('tinks_max', f.tinks_max);
  put('workmanship_min', f.workmanship_min);
  put('workmanship_max', f.workmanship_max);
  put('max_wield', f.max_wield);
  put('equipped', f.equipped);
  put('characters', commaList(f.characters));
  q.set('sort', f.sort);
  q.set('order', f.order);
  q.set('limit', String(f.limit));
  q.set('offset', String(f.offset));
  return q;
}

/** A facet value clicked: added to that filter, or taken out when already in it; back to the first page. */
export function toggleFacet(f: SearchForm, facet: FacetName, value: string): SearchForm {
  const cur = f[facet];
  return { ...f, [facet]: cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value], offset: 0 };
}

/** Facet counts, largest first, then by name. */
export function facetRows(counts: Record<string, number> | undefined): Array<[string, number]> {
  return Object.entries(counts ?? {}).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** "51–100 of 240". */
export function pageText(a: Pick<SearchAnswer, 'total' | 'offset'>, shown: number): string {
  if (!a.total || !shown) return `0 of ${a.total ?? 0}`;
  return `${a.offset + 1}–${a.offset + shown} of ${a.total}`;
}
