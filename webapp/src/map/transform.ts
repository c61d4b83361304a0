// Dereth coordinates (EW east-positive, NS north-positive) to canvas pixels and back.

export interface View {
  /** Map coordinates at the centre of the canvas. */
  ew: number;
  ns: number;
  /** Pixels per map unit. */
  scale: number;
}

export const DERETH = { minEw: -102, maxEw: 102, minNs: -102, maxNs: 102 };
export const MIN_SCALE = 0.5;
export const MAX_SCALE = 400;

export function toScreen(v: View, w: number, h: number, ew: number, ns: number): [number, number] {
  return [w / 2 + (ew - v.ew) * v.scale, h / 2 - (ns - v.ns) * v.scale];
}

export function toMap(v: View, w: number, h: number, x: number, y: number): [number, number] {
  return [v.ew + (x - w / 2) / v.scale, v.ns - (y - h / 2) / v.scale];
}

export function fitView(w: number, h: number): View {
  const span = DERETH.maxEw - DERETH.minEw;
  return { ew: 0, ns: 0, scale: clampScale(Math.min(w, h) / span) };
}

export function clampScale(s: number): number {
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
}

/** Zoom by `factor` keeping the map point under (x, y) where it is. */
export function zoomAt(v: View, w: number, h: number, x: number, y: number, factor: number): View {
  const [ew, ns] = toMap(v, w, h, x, y);
  const scale = clampScale(v.scale * factor);
  return { scale, ew: ew - (x - w / 2) / scale, ns: ns + (y - h / 2) / scale };
}

export function pan(v: View, dx: number, dy: number): View {
  return { ...v, ew: v.ew - dx / v.scale, ns: v.ns + dy / v.scale };
}

/** A grid step (1, 2, 5 × 10^k map units) that puts lines at least `minPx` apart. */
export function gridStep(scale: number, minPx = 60): number {
  const raw = minPx / scale;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function formatNs(ns: number): string {
  const r = Math.round(Math.abs(ns) * 10) / 10;
  return r === 0 ? '0' : `${r}${ns < 0 ? 'S' : 'N'}`;
}

export function formatEw(ew: number): string {
  const r = Math.round(Math.abs(ew) * 10) / 10;
  return r === 0 ? '0' : `${r}${ew < 0 ? 'W' : 'E'}`;
}

export function formatCoords(ew: number, ns: number): string {
  return `${formatNs(ns)}, ${formatEw(ew)}`;
}

/** An operator's own map image, placed by the map coordinates of its top-left and bottom-right corners. */
export interface MapImageCalibration {
  url: string;
  leftEw: number;
  topNs: number;
  rightEw: number;
  bottomNs: number;
}

export function imageRect(v: View, w: number, h: number, c: MapImageCalibration): { x: number; y: number; w: number; h: number } {
  const [x0, y0] = toScreen(v, w, h, c.leftEw, c.topNs);
  const [x1, y1] = toScreen(v, w, h, c.rightEw, c.bottomNs);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Index of the nearest point within `radiusPx` of (x, y), or -1. */
export function hitTest(points: Array<[number, number]>, x: number, y: number, radiusPx: number): number {
  let best = -1, bestD = radiusPx * radiusPx;
  for (let i = 0; i < points.length; i++) {
    const dx = points[i][0] - x, dy = points[i][1] - y, d = dx * dx + dy * dy;
    if (d <= bestD) { bestD = d; best = i; }
  }
  return best;
}
