import { describe, expect, it } from 'vitest';

// Every source file's text, keyed by its path relative to this folder ('../src/...').
const sources = import.meta.glob<string>('../src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

/** The files a source file imports (statically or lazily), resolved to keys of `sources`. */
function imports(file: string): string[] {
  const dir = file.slice(0, file.lastIndexOf('/'));
  const out: string[] = [];
  for (const m of sources[file].matchAll(/(?:from\s*|import\(\s*)['"](\.[^'"]+)['"]/g)) {
    const parts = `${dir}/${m[1]}`.split('/').reduce<string[]>((acc, p) => (p === '..' && acc.length && acc.at(-1) !== '..' ? acc.slice(0, -1) : p === '.' ? acc : [...acc, p]), []);
    const base = parts.join('/');
    const hit = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((c) => c in sources);
    if (hit) out.push(hit);
  }
  return out;
}

function reachable(from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...imports(f));
  }
  return seen;
}

describe('module graph', () => {
  const registry = '../src/windows/registry.ts';
  const windows = Object.keys(sources).filter((f) => /^\.\.\/src\/windows\/[^/]+\/index\.tsx$/.test(f));

  it('finds the window modules and what the registry loads', () => {
    expect(windows.length).toBeGreaterThanOrEqual(10);
    expect(imports(registry)).toEqual(expect.arrayContaining(['../src/windows/combat/index.tsx', '../src/windows/props.ts']));
  });

  it('has no window that reaches the registry back (the registry loads the windows)', () => {
    expect(windows.filter((w) => reachable(w).has(registry))).toEqual([]);
  });
});
