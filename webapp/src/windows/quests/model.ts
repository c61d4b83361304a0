// Quest timers as GET /quests/{character} answers them: a map keyed by the quest's name, each
// value the quest as the plugin sent it (description, solves, max_solves, ready_in_s ...).

export interface QuestsAnswer {
  updated_at?: string | null;
  quests?: unknown;
}

export interface QuestRow {
  key: string;
  /** What a player reads: the description when the plugin sent one, else the key. */
  label: string;
  solves: number | null;
  maxSolves: number | null;
  /** Epoch ms when the quest can be done again; null when unknown. */
  readyAt: number | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The quest map's entries; a list (an older answer) is keyed the way the server keys it. */
function entries(quests: unknown): Array<[string, Obj]> {
  if (Array.isArray(quests)) {
    return quests.filter(isObj).flatMap((q): Array<[string, Obj]> => {
      const key = text(q.name) ?? text(q.description);
      return key ? [[key, q]] : [];
    });
  }
  return isObj(quests) ? Object.entries(quests).filter((e): e is [string, Obj] => isObj(e[1])) : [];
}

export function questRows(answer: QuestsAnswer | null): QuestRow[] {
  if (!answer) return [];
  const sent = Date.parse(answer.updated_at ?? '');
  return entries(answer.quests)
    .map(([key, q]) => {
      const next = Date.parse(text(q.next_available) ?? '');
      const wait = num(q.ready_in_s) ?? num(q.available_in_seconds);
      const readyAt = Number.isFinite(next) ? next : wait !== null && Number.isFinite(sent) ? sent + wait * 1000 : null;
      return { key, label: text(q.description) ?? key, solves: num(q.solves), maxSolves: num(q.max_solves), readyAt };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** "ready", "in 14 min", "in 3 h 12 min", "in 2 d 4 h"; "–" when unknown. */
export function readyText(readyAt: number | null, now: number): string {
  if (readyAt === null) return '–';
  const min = Math.ceil((readyAt - now) / 60_000);
  if (min <= 0) return 'ready';
  if (min < 60) return `in ${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `in ${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `in ${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** "14" or, with a cap, "3 / 10". */
export function solvesText(r: QuestRow): string {
  if (r.solves === null) return '';
  return r.maxSolves !== null && r.maxSolves > 0 ? `${r.solves} / ${r.maxSolves}` : String(r.solves);
}
