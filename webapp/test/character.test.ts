import { describe, expect, it } from 'vitest';
import { cantripGroups } from '../src/windows/character/cantrips';
import { questRows, readyText, solvesText } from '../src/windows/quests/model';
import { retargetWindow, openWindow } from '../src/windows/layout';

describe('cantrips', () => {
  it('shows worn items with their spells, in the order sent', () => {
    expect(cantripGroups([
      { item_id: 2148001101, item_name: 'Gelidite Robe', spells: ['Legendary Focus', 'Epic Willpower'] },
      { item_id: 2148001240, item_name: 'Wand of the Frore Crystal', spells: ['Legendary War Magic Aptitude'] },
    ])).toEqual([
      { item: 'Gelidite Robe', spells: ['Legendary Focus', 'Epic Willpower'] },
      { item: 'Wand of the Frore Crystal', spells: ['Legendary War Magic Aptitude'] },
    ]);
  });
  it('shows plain spell names as one group without an item, after the items', () => {
    expect(cantripGroups(['Major Focus', { item_name: 'Ring', spells: ['Epic Willpower'] }, 'Epic Invulnerability'])).toEqual([
      { item: 'Ring', spells: ['Epic Willpower'] },
      { item: null, spells: ['Major Focus', 'Epic Invulnerability'] },
    ]);
  });
  it('shows nothing for null, an empty list or a whole frame, and skips what it cannot read', () => {
    expect(cantripGroups(null)).toEqual([]);
    expect(cantripGroups([])).toEqual([]);
    expect(cantripGroups({ type: 'equipment_cantrip_state', cantrips: ['Major Focus'] })).toEqual([]);
    expect(cantripGroups([42, null, { spells: [7, { name: 'Major Armor' }] }, { name: 'Minor Focus' }])).toEqual([
      { item: null, spells: ['Major Armor'] },
      { item: null, spells: ['Minor Focus'] },
    ]);
  });
});

describe('quests', () => {
  const at = Date.parse('2026-11-23T10:00:00Z');
  const answer = {
    updated_at: '2026-11-23T10:00:00Z',
    quests: {
      stipendtimer_0812: { solves: 14, max_solves: 0, ready_in_s: 412800, description: 'Stipend' },
      aerbaxgemtimer: { solves: 3, max_solves: 1, ready_in_s: 0, description: 'Aerbax Gem' },
      colo: { solves: 2, next_available: '2026-11-23T10:30:00Z' },
      broken: 'not a quest',
    },
  };
  it('labels each quest by its description, else its key, and skips what is not a quest', () => {
    expect(questRows(answer).map((r) => [r.key, r.label])).toEqual([['aerbaxgemtimer', 'Aerbax Gem'], ['colo', 'colo'], ['stipendtimer_0812', 'Stipend']]);
  });
  it('reckons the ready time from updated_at + ready_in_s, or next_available', () => {
    const byKey = Object.fromEntries(questRows(answer).map((r) => [r.key, r]));
    expect(byKey.stipendtimer_0812.readyAt).toBe(at + 412_800_000);
    expect(byKey.aerbaxgemtimer.readyAt).toBe(at);
    expect(byKey.colo.readyAt).toBe(at + 1_800_000);
    expect(readyText(byKey.aerbaxgemtimer.readyAt, at + 1)).toBe('ready');
    expect(readyText(byKey.colo.readyAt, at)).toBe('in 30 min');
    expect(readyText(byKey.stipendtimer_0812.readyAt, at)).toBe('in 4 d 18 h');
    expect(readyText(at + 3 * 3_600_000 + 12 * 60_000, at)).toBe('in 3 h 12 min');
    expect(readyText(null, at)).toBe('–');
  });
  it('shows solves, with the cap when there is one', () => {
    const byKey = Object.fromEntries(questRows(answer).map((r) => [r.key, r]));
    expect(solvesText(byKey.stipendtimer_0812)).toBe('14');
    expect(solvesText(byKey.aerbaxgemtimer)).toBe('3 / 1');
  });
  it('has no rows for null, a whole frame or an empty map; keys a list by name, else description', () => {
    expect(questRows(null)).toEqual([]);
    expect(questRows({ updated_at: null, quests: null })).toEqual([]);
    expect(questRows({ quests: { type: 'quest', character_name: 'Larsson', quests: [{ name: 'x' }] } })).toEqual([]);
    expect(questRows({ quests: [{ name: 'a', description: 'A' }, { description: 'B' }, { solves: 1 }] }).map((r) => [r.key, r.label, r.readyAt]))
      .toEqual([['a', 'A', null], ['B', 'B', null]]);
  });
});

describe('retargeting a per-character window', () => {
  const vp = { w: 1280, h: 720 }, size = { w: 300, h: 200 };
  it('shows another character where the window stands', () => {
    const ws = openWindow(openWindow([], 'chat', undefined, size, vp), 'combat', 'A', size, vp);
    const after = retargetWindow(ws, 'combat:A', 'B');
    expect(after.map((b) => [b.id, b.character])).toEqual([['chat', undefined], ['combat:B', 'B']]);
    expect(after[1]).toMatchObject({ x: ws[1].x, y: ws[1].y, w: ws[1].w, h: ws[1].h });
  });
  it('brings an already open window of that character to the front instead of a duplicate', () => {
    const ws = openWindow(openWindow([], 'combat', 'B', size, vp), 'combat', 'A', size, vp);
    const after = retargetWindow(ws, 'combat:A', 'B');
    expect(after.map((b) => b.id)).toEqual(['combat:B']);
    expect(retargetWindow(ws, 'combat:A', 'A')).toBe(ws);
    expect(retargetWindow(ws, 'nope', 'B')).toBe(ws);
  });
});
