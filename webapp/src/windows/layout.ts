// Open windows and where they sit; pure functions, persisted to localStorage by the shell.

export interface WindowBox {
  id: string;
  type: string;
  /** The character the window is about, for per-character windows. */
  character?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  z: number;
}

export const LAYOUT_KEY = 'overlord.windows.v1';

export function windowId(type: string, character?: string): string {
  return character ? `${type}:${character}` : type;
}

/** Opens a window, or brings it to the front if it is already open. */
export function openWindow(ws: WindowBox[], type: string, character: string | undefined, size: { w: number; h: number }, viewport: { w: number; h: number }): WindowBox[] {
  const id = windowId(type, character);
  const z = topZ(ws) + 1;
  if (ws.some((b) => b.id === id)) return ws.map((b) => (b.id === id ? { ...b, z } : b));
  const n = ws.length % 8;
  const w = Math.min(size.w, viewport.w - 16), h = Math.min(size.h, viewport.h - 16);
  const x = Math.max(0, Math.min(viewport.w - w, 80 + n * 28)), y = Math.max(0, Math.min(viewport.h - h, 40 + n * 28));
  return [...ws, { id, type, character, x, y, w, h, z }];
}

export function closeWindow(ws: WindowBox[], id: string): WindowBox[] {
  return ws.filter((b) => b.id !== id);
}

export function focusWindow(ws: WindowBox[], id: string): WindowBox[] {
  const top = topZ(ws);
  return ws.map((b) => (b.id === id && b.z !== top ? { ...b, z: top + 1 } : b));
}

/**
 * Points a per-character window at another character where it stands; when that character's
 * window of the type is already open, it comes to the front and this one closes.
 */
export function retargetWindow(ws: WindowBox[], id: string, character: string): WindowBox[] {
  const b = ws.find((x) => x.id === id);
  if (!b) return ws;
  const target = windowId(b.type, character);
  if (target === id) return ws;
  if (ws.some((x) => x.id === target)) return focusWindow(closeWindow(ws, id), target);
  return ws.map((x) => (x.id === id ? { ...x, id: target, character } : x));
}

export function moveWindow(ws: WindowBox[], id: string, patch: Partial<Pick<WindowBox, 'x' | 'y' | 'w' | 'h'>>): WindowBox[] {
  return ws.map((b) => (b.id === id ? { ...b, ...patch } : b));
}

/** Keeps a window's title bar reachable after the viewport shrank. */
export function clampToViewport(b: WindowBox, viewport: { w: number; h: number }): WindowBox {
  const w = Math.max(200, Math.min(b.w, viewport.w)), h = Math.max(120, Math.min(b.h, viewport.h));
  return { ...b, w, h, x: Math.max(0, Math.min(b.x, viewport.w - 80)), y: Math.max(0, Math.min(b.y, viewport.h - 32)) };
}

function topZ(ws: WindowBox[]): number {
  return ws.reduce((m, b) => Math.max(m, b.z), 0);
}

export function parseLayout(raw: string | null, known: (type: string) => boolean): WindowBox[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return [];
    return v.filter((b): b is WindowBox =>
      b && typeof b.id === 'string' && typeof b.type === 'string' && known(b.type) &&
      ['x', 'y', 'w', 'h', 'z'].every((k) => typeof b[k] === 'number' && Number.isFinite(b[k])));
  } catch {
    return [];
  }
}
