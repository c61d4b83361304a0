import { describe, expect, it } from 'vitest';
import { fitView, formatCoords, gridStep, hitTest, imageRect, pan, toMap, toScreen, zoomAt } from '../src/map/transform';

describe('map transform', () => {
  const v = { ew: 0, ns: 0, scale: 2 };
  it('puts north up and east right', () => {
    expect(toScreen(v, 400, 400, 10, 10)).toEqual([220, 180]);
    expect(toMap(v, 400, 400, 220, 180)).toEqual([10, 10]);
  });
  it('zooms around the pointer', () => {
    const z = zoomAt(v, 400, 400, 300, 100, 2);
    expect(toMap(z, 400, 400, 300, 100)).toEqual(toMap(v, 400, 400, 300, 100));
    expect(z.scale).toBe(4);
  });
  it('pans with the drag', () => {
    const p = pan(v, 20, 10);
    expect(toScreen(p, 400, 400, 0, 0)).toEqual([220, 210]);
  });
  it('fits Dereth in the canvas', () => {
    expect(fitView(408, 800).scale).toBeCloseTo(2);
  });
  it('chooses round grid steps', () => {
    expect(gridStep(2)).toBe(50);
    expect(gridStep(30)).toBe(2);
  });
  it('labels coordinates the game way', () => {
    expect(formatCoords(-12.5, 33.08)).toBe('33.1N, 12.5W');
  });
  it('places a calibrated map image', () => {
    expect(imageRect(v, 400, 400, { url: 'x', leftEw: -100, topNs: 100, rightEw: 100, bottomNs: -100 })).toEqual({ x: 0, y: 0, w: 400, h: 400 });
  });
  it('hits the nearest dot within the radius', () => {
    expect(hitTest([[0, 0], [10, 10], [12, 12]], 10.5, 10.5, 5)).toBe(1);
    expect(hitTest([[0, 0]], 50, 50, 5)).toBe(-1);
  });
});
