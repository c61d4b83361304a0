// Buckets history rows into time series: per bucket, each character's latest values, summed.
export interface Row { character_name: string; timestamp: string; kills_per_hour?: number | null; total_deaths?: number | null; deaths?: number | null; rares_found?: number | null }

/** The chart's buckets. */
export const BUCKETS = 240;
/** Pages of history one load follows at most (10,000 rows each). */
export const MAX_PAGES = 20;

/**
 * What to ask the server for a window of `windowSeconds`: `step` seconds (each character's last row
 * per step, so about BUCKETS rows per character) and the chart's bucket, a whole number of steps
 * and at least a minute, so the last row of a bucket is the last the server kept in it.
 */
export function statsResolution(windowSeconds: number): { step: number; bucketMs: number } {
  const step = Math.max(1, Math.floor(windowSeconds / BUCKETS));
  return { step, bucketMs: step * Math.ceil(60 / step) * 1000 };
}

/** A page of `GET /history?format=columns`. */
export interface ColumnsPage { columns: string[]; rows: unknown[][]; next: string | null }

/** The rows of a `format=columns` page as the objects `format=objects` would give. */
export function columnsToRows(page: ColumnsPage): Row[] {
  return page.rows.map((values) => Object.fromEntries(page.columns.map((c, i) => [c, values[i]])) as unknown as Row);
}

/**
 * The Stats chart's rows: `GET /history` from `fromMs` with `step`, of one character or the fleet,
 * following `next` for at most MAX_PAGES pages. `get` is the JSON fetch (the API's getJson).
 */
export async function loadHistory(get: (path: string) => Promise<ColumnsPage>, fromMs: number, step: number,
  character: string): Promise<{ rows: Row[]; complete: boolean }> {
  const rows: Row[] = [];
  let cursor: string | null = null, pages = 0;
  do {
    const page: ColumnsPage = await get(`history?from=${new Date(fromMs).toISOString()}&step=${step}&format=columns&limit=10000`
      + (character ? `&character=${encodeURIComponent(character)}` : '') + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''));
    for (const r of columnsToRows(page)) rows.push(r);
    cursor = page.next;
  } while (cursor && ++pages < MAX_PAGES);
  return { rows, complete: !cursor };
}

export function bucketSeries(rows: Row[], bucketMs: number): { t: number[]; kph: number[]; deaths: number[]; rares: number[] } {
  const buckets = new Map<number, Map<string, Row>>();
  for (const r of rows) {
    const b = Math.floor(Date.parse(r.timestamp) / bucketMs) * bucketMs;
    let m = buckets.get(b);
    if (!m) buckets.set(b, (m = new Map()));
    m.set(r.character_name, r);
  }
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const out = { t: [] as number[], kph: [] as number[], deaths: [] as number[], rares: [] as number[] };
  for (const k of keys) {
    let kph = 0, deaths = 0, rares = 0;
    for (const r of buckets.get(k)!.values()) {
      kph += r.kills_per_hour ?? 0;
      deaths += r.total_deaths ?? r.deaths ?? 0;
      rares += r.rares_found ?? 0;
    }
    out.t.push(k / 1000); out.kph.push(kph); out.deaths.push(deaths); out.rares.push(rares);
  }
  return out;
}
