// Buckets history rows into time series: per bucket, each character's latest values, summed.
export interface Row { character_name: string; timestamp: string; kills_per_hour?: number | null; total_deaths?: number | null; deaths?: number | null; rares_found?: number | null }

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
