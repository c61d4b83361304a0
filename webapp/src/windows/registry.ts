// Every window type, one line each: a folder under src/windows/ whose index.tsx default-exports
// the window's component, loaded as its own chunk the first time the window opens.
import type { ComponentType } from 'react';
import type { WindowProps } from './props';

export interface WindowType {
  type: string;
  title: string;
  perCharacter: boolean;
  size: { w: number; h: number };
  load: () => Promise<{ default: ComponentType<WindowProps> }>;
}

const w = (type: string, title: string, perCharacter: boolean, width: number, height: number, load: WindowType['load']): WindowType =>
  ({ type, title, perCharacter, size: { w: width, h: height }, load });

export const WINDOW_TYPES: WindowType[] = [
  w('chat', 'Chat', false, 520, 360, () => import('./chat')),
  w('dashboard', 'Player dashboard', false, 760, 420, () => import('./dashboard')),
  w('command', 'Command', false, 460, 300, () => import('./command')),
  w('stats', 'Stats', false, 640, 420, () => import('./stats')),
  w('character', 'Character', true, 420, 480, () => import('./character')),
  w('radar', 'Radar', true, 380, 420, () => import('./radar')),
  w('combat', 'Combat stats', true, 600, 560, () => import('./combat')),
  w('quests', 'Quest status', true, 420, 360, () => import('./quests')),
  w('inventory', 'Inventory', true, 640, 520, () => import('./inventory')),
  w('itemsearch', 'Item search', false, 860, 560, () => import('./itemsearch')),
  w('suitbuilder', 'Suitbuilder', false, 760, 600, () => import('./suitbuilder')),
  w('assistant', 'Assistant', false, 560, 560, () => import('./assistant')),
  w('alerts', 'Alerts', false, 640, 380, () => import('./alerts')),
  w('issues', 'Issues', false, 460, 340, () => import('./issues')),
  w('vitalsharing', 'Vital sharing', false, 380, 340, () => import('./vitalsharing')),
  w('audit', 'Command audit', false, 680, 360, () => import('./audit')),
  w('timetravel', 'Time travel', false, 480, 200, () => import('./timetravel')),
  w('mapsettings', 'Map image', false, 440, 320, () => import('./mapsettings')),
];

export function windowType(type: string): WindowType | undefined {
  return WINDOW_TYPES.find((t) => t.type === type);
}

export function windowTitle(t: WindowType, character?: string): string {
  return character ? `${t.title} · ${character}` : t.title;
}
