import { useEffect, useState } from 'react';
import { getJson } from '../api';

/** GET a JSON path, again every `refreshMs` if given. */
export function useJson<T>(path: string | null, refreshMs = 0): { data: T | null; error: string } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!path) return;
    let alive = true;
    const load = () => getJson<T>(path).then((d) => { if (alive) { setData(d); setError(''); } }, (e) => { if (alive) setError(String(e.message ?? e)); });
    load();
    const t = refreshMs ? setInterval(load, refreshMs) : undefined;
    return () => { alive = false; if (t) clearInterval(t); };
  }, [path, refreshMs]);
  return { data, error };
}
