import { describe, expect, it } from 'vitest';
import { applyBatch, emptyFeed, type Frame } from '../src/state/feed';
import { filterItems, glyph, groupItems, nextItemSort, sortItems, type Item } from '../src/state/items';
import { emptyForm, facetRows, pageText, searchQuery, toggleFacet } from '../src/windows/itemsearch/model';
import { SseParser } from '../src/sse';
import { applyEvent, defaultConstraints, idleRun, requestBody, type RunState } from '../src/windows/suitbuilder/model';
import { WINDOW_TYPES } from '../src/windows/registry';

const items: Item[] = [
  { id: 1, name: 'Pack', object_class: 'Container', container_id: 0 },
  { id: 2, name: 'Sack', object_class: 'Container', container_id: 0 },
  { id: 10, name: "Soldier's Steel Coat", object_class: 'Armor', equipped: true, equipped_slots: ['Chest', 'Abdomen'], armor_set: "Soldier's Set", armor_level: 560, spells: ['Epic Strength'] },
  { id: 11, name: 'Jet Ring', object_class: 'Jewelry', container_id: 1, material: 'Gold', value: 900 },
  { id: 12, name: 'Mana Stone', object_class: 'ManaStone', container_id: 2, stack_size: 12, value: 12000 },
  { id: 13, name: 'Atlan Axe', object_class: 'MeleeWeapon', container_id: 0, max_damage: 80, value: 5000 },
  { id: 14, name: 'Lost Key', object_class: 'Key', container_id: 999 },
];

describe('inventory items', () => {
  it('groups worn items first, then the main pack, then each pack with what it holds', () => {
    const g = groupItems(items);
    expect(g.map((x) => x.label)).toEqual(['Equipped', 'Main pack', 'Pack 1', 'Sack 2']);
    expect(g[1].items.map((i) => i.id)).toEqual([13, 14]);
    expect(g[2].items.map((i) => i.id)).toEqual([11]);
    expect(g[3].container?.id).toBe(2);
  });
  it('filters by text in name, set or spells, by class and by equipped', () => {
    expect(filterItems(items, { text: 'epic str', objectClass: '', equipped: 'all' }).map((i) => i.id)).toEqual([10]);
    expect(filterItems(items, { text: "soldier's", objectClass: '', equipped: 'all' }).map((i) => i.id)).toEqual([10]);
    expect(filterItems(items, { text: '', objectClass: 'Jewelry', equipped: 'all' }).map((i) => i.id)).toEqual([11]);
    expect(filterItems(items, { text: '', objectClass: '', equipped: 'yes' }).map((i) => i.id)).toEqual([10]);
    expect(filterItems(items, { text: '', objectClass: '', equipped: 'no' })).toHaveLength(6);
  });
  it('sorts by a column with missing values last, both ways', () => {
    expect(sortItems(items, { key: 'value', desc: true }).map((i) => i.id).slice(0, 3)).toEqual([12, 13, 11]);
    expect(sortItems(items, { key: 'value', desc: false }).map((i) => i.id).slice(0, 3)).toEqual([11, 13, 12]);
    expect(nextItemSort({ key: 'value', desc: true }, 'value')).toEqual({ key: 'value', desc: false });
    expect(nextItemSort({ key: 'value', desc: true }, 'name')).toEqual({ key: 'name', desc: false });
  });
  it('has a glyph per object class and a dot for others', () => {
    expect(glyph('Armor')).not.toBe(glyph('Jewelry'));
    expect(glyph('WandStaffOrb')).not.toBe('•');
    expect(glyph('SomethingNew')).toBe('•');
    expect(glyph(undefined)).toBe('•');
  });
  it('keeps each character\'s last inventory delta apart in the feed', () => {
    const d = (seq: number, who: string, version: number): Frame => ({ type: 'inventory_delta', seq, character_name: who, action: 'add', version });
    const s = applyBatch(emptyFeed(), [d(1, 'A', 4), d(2, 'B', 9), d(3, 'A', 5), d(3, 'A', 5)], 1000).state;
    expect(s.inventory.A).toEqual({ version: 5, at: 1000, count: 2 });
    expect(s.inventory.B.count).toBe(1);
  });
  it('registers the inventory window per character and the search and suitbuilder as pages', () => {
    const t = Object.fromEntries(WINDOW_TYPES.map((w) => [w.type, w.perCharacter]));
    expect(t).toMatchObject({ inventory: true, itemsearch: false, suitbuilder: false });
  });
});

describe('item search', () => {
  it('sends only the filters set, lists as comma lists, with sort and paging', () => {
    const f = { ...emptyForm(), q: ' coat ', armor_set: ["Soldier's Set", 'Wise Set'], spells_all: 'Epic Strength, , Major Armor', ratings: { crit_damage: '2', vitality: '' }, equipped: 'true' as const, characters: 'A, B' };
    const q = searchQuery(f);
    expect(q.get('q')).toBe('coat');
    expect(q.get('armor_set')).toBe("Soldier's Set,Wise Set");
    expect(q.get('spells_all')).toBe('Epic Strength,Major Armor');
    expect(q.get('min_rating_crit_damage')).toBe('2');
    expect(q.has('min_rating_vitality')).toBe(false);
    expect(q.has('material')).toBe(false);
    expect(q.get('equipped')).toBe('true');
    expect(q.get('characters')).toBe('A,B');
    expect([q.get('sort'), q.get('order'), q.get('limit'), q.get('offset')]).toEqual(['name', 'asc', '50', '0']);
  });
  it('toggles a facet value into and out of its filter, back to the first page', () => {
    const f = toggleFacet({ ...emptyForm(), offset: 100 }, 'material', 'Gold');
    expect(f.material).toEqual(['Gold']);
    expect(f.offset).toBe(0);
    expect(toggleFacet(f, 'material', 'Gold').material).toEqual([]);
  });
  it('orders facets by count then name, and says which page it shows', () => {
    expect(facetRows({ b: 2, a: 2, c: 5 })).toEqual([['c', 5], ['a', 2], ['b', 2]]);
    expect(pageText({ total: 240, offset: 50 }, 50)).toBe('51–100 of 240');
    expect(pageText({ total: 0, offset: 0 }, 0)).toBe('0 of 0');
  });
});

describe('suitbuilder', () => {
  it('parses server-sent events across chunk boundaries, CRLF, comments and multi-line data', () => {
    const p = new SseParser();
    const got = [
      ...p.push(': hello\r\nevent: progress\r\ndata: {"checked":'),
      ...p.push('10}\r'),
      ...p.push('\n\r\nevent: result\ndata: {"a":1,\ndata: "b":2}\n\n'),
      ...p.push('data: plain\n\nevent: done\ndata: {}'),
    ];
    expect(got).toEqual([
      { event: 'progress', data: '{"checked":10}' },
      { event: 'result', data: '{"a":1,\n"b":2}' },
      { event: 'message', data: 'plain' },
    ]);
    expect(p.push('\n\n')).toEqual([{ event: 'done', data: '{}' }]);
  });
  it('builds the request body and refuses what the server would', () => {
    const c = { ...defaultConstraints(), characters: ['A'], secondarySet: 'Wise Set', cantrips: 'Epic Strength, Epic Strength, Major Armor', locked: [{ slot: 'Head', itemId: '42' }], minRatings: { crit_damage: '10', vitality: '' }, results: 99 };
    const { body, problems } = requestBody(c);
    expect(problems).toEqual([]);
    expect(body).toEqual({
      primary_set: { name: "Soldier's Set", pieces: 5 }, secondary_set: { name: 'Wise Set', pieces: 4 }, characters: ['A'],
      results: 20, time_limit_s: 30, cantrips: ['Epic Strength', 'Major Armor'], locked: { Head: 42 }, min_ratings: { crit_damage: 10 },
    });
    expect(requestBody(defaultConstraints()).problems).toContain('choose at least one character');
    expect(requestBody({ ...c, locked: [{ slot: 'Head', itemId: 'x' }] }).problems[0]).toMatch(/not an item id/);
  });
  it('folds progress, results by rank and done', () => {
    let s: RunState = { ...idleRun(), status: 'running' };
    s = applyEvent(s, 'progress', { checked: 100, elapsed_ms: 250, best_score: 7 });
    s = applyEvent(s, 'result', { rank: 2, score: 5, items: [], sets: {}, covered: [], missing: ['Epic Strength'], overlapping: [] });
    s = applyEvent(s, 'result', { rank: 1, score: 7, items: [{ slot: 'Head', character_name: 'A', item: { id: 1, name: 'Helm' } }], sets: { "Soldier's Set": 1 }, covered: ['Major Armor'], missing: [], overlapping: [] });
    s = applyEvent(s, 'result', { rank: 2, score: 6, items: [], sets: {}, covered: [], missing: [], overlapping: [] });
    expect(s.results.map((r) => [r.rank, r.score])).toEqual([[1, 7], [2, 6]]);
    expect(s.progress).toEqual({ checked: 100, elapsed_ms: 250, best_score: 7 });
    s = applyEvent(s, 'done', { reason: 'time_limit', checked: 500, elapsed_ms: 3000 });
    expect(s.status).toBe('done');
    expect(s.done?.reason).toBe('time_limit');
  });
});
