// Windows over the map: drag by the title bar, resize from the corner, close, all remembered.
import { lazy, Suspense, useMemo, useRef, type ComponentType, type LazyExoticComponent, type PointerEvent } from 'react';
import { windowTitle, windowType } from './registry';
import type { WindowProps } from './props';
import type { WindowBox } from './layout';

const lazyCache = new Map<string, LazyExoticComponent<ComponentType<WindowProps>>>();
function component(type: string) {
  let c = lazyCache.get(type);
  if (!c) { c = lazy(windowType(type)!.load); lazyCache.set(type, c); }
  return c;
}

export function WindowLayer({ windows, onMove, onClose, onFocus }: {
  windows: WindowBox[];
  onMove: (id: string, patch: Partial<WindowBox>) => void;
  onClose: (id: string) => void;
  onFocus: (id: string) => void;
}) {
  return <>{windows.map((b) => <WindowFrame key={b.id} box={b} onMove={onMove} onClose={onClose} onFocus={onFocus} />)}</>;
}

function WindowFrame({ box, onMove, onClose, onFocus }: { box: WindowBox; onMove: (id: string, p: Partial<WindowBox>) => void; onClose: (id: string) => void; onFocus: (id: string) => void }) {
  const t = windowType(box.type)!;
  const Body = useMemo(() => component(box.type), [box.type]);
  const op = useRef<{ kind: 'move' | 'size'; x: number; y: number; box: WindowBox } | null>(null);
  const start = (kind: 'move' | 'size') => (e: PointerEvent<HTMLElement>) => {
    if ((e.target as HTMLElement).closest('button') && kind === 'move') return;
    op.current = { kind, x: e.clientX, y: e.clientY, box };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const move = (e: PointerEvent<HTMLElement>) => {
    const o = op.current;
    if (!o) return;
    const dx = e.clientX - o.x, dy = e.clientY - o.y;
    if (o.kind === 'move') onMove(box.id, { x: Math.max(0, o.box.x + dx), y: Math.max(0, o.box.y + dy) });
    else onMove(box.id, { w: Math.max(220, o.box.w + dx), h: Math.max(140, o.box.h + dy) });
  };
  const end = () => { op.current = null; };
  const title = windowTitle(t, box.character);
  return (
    <section
      className="window" role="dialog" aria-label={title} data-window={box.type} tabIndex={-1}
      style={{ left: box.x, top: box.y, width: box.w, height: box.h, zIndex: 10 + box.z }}
      onPointerDownCapture={() => onFocus(box.id)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); onClose(box.id); }
        if (e.altKey && e.key.startsWith('Arrow')) {
          e.preventDefault();
          const d = { ArrowLeft: [-20, 0], ArrowRight: [20, 0], ArrowUp: [0, -20], ArrowDown: [0, 20] }[e.key] ?? [0, 0];
          if (e.shiftKey) onMove(box.id, { w: Math.max(220, box.w + d[0]), h: Math.max(140, box.h + d[1]) });
          else onMove(box.id, { x: Math.max(0, box.x + d[0]), y: Math.max(0, box.y + d[1]) });
        }
      }}
    >
      <header className="titlebar" onPointerDown={start('move')} onPointerMove={move} onPointerUp={end} onPointerCancel={end}>
        <h2>{title}</h2>
        <button onClick={() => onClose(box.id)} aria-label={`Close ${title}`}>×</button>
      </header>
      <div className="window-body">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Body character={box.character} />
        </Suspense>
      </div>
      <span className="resize" aria-hidden="true" onPointerDown={start('size')} onPointerMove={move} onPointerUp={end} onPointerCancel={end} />
    </section>
  );
}
