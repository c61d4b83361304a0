import { useEffect, useState } from 'react';
import { HttpError, getJson } from '../api';

/**
 * GET a JSON path, again every `refreshMs` if given. `missing` is true while the server answers
 * 404 (an older server without that endpoint): windows show an empty state, not an error.
 */
export function useJson<T>(path: string | null, refreshMs = 0): { data: T | null; error: string; missing: boolean } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!path) return;
    let alive = true;
    const load = () => getJson<T>(path).then(
      (d) => { if (alive) { setData(d); setError(''); setMissing(false); } },
      (e) => {
        if (!alive) return;
        if (e instanceof HttpError && e.status === 404) { setMissing(true); setError(''); } else setError(String(e.message ?? e));
      });
    load();
    const t = refreshMs ? setInterval(load, refreshMs) : undefined;
    return () => { alive = false; if (t) clearInterval(t); };
  }, [path, refreshMs]);
  return { data, error, missing };
}
