import { createContext, useContext, useSyncExternalStore } from 'react';
import type { FeedStore } from '../state/store';
import type { LiveConnection } from '../state/connection';
import type { Replay } from '../state/replay';
import type { MapImageCalibration } from '../map/transform';

export interface MapOptions {
  trails: boolean;
  portals: boolean;
  heatmapHours: number; // 0: off
  image: MapImageCalibration | null;
  /** Names beside every dot; otherwise only when zoomed in. */
  names: boolean;
  /** The towns layer. */
  towns: boolean;
}

export interface App {
  /** The logged-in user's name. */
  user: string;
  store: FeedStore;
  conn: LiveConnection;
  replay: Replay;
  open: (type: string, character?: string) => void;
  /** Shows another character in the open per-character window of `type` now showing `from`. */
  retarget: (type: string, from: string, to: string) => void;
  /** Centres the map on a character and marks it for a moment. */
  focusOnMap: (character: string) => void;
  /** Where the map registers the implementation of focusOnMap. */
  mapFocus: { current: ((character: string) => void) | null };
  mapOptions: MapOptions;
  setMapOptions: (o: MapOptions) => void;
}

export const AppContext = createContext<App | null>(null);

export function useApp(): App {
  const a = useContext(AppContext);
  if (!a) throw new Error('no app');
  return a;
}

/** The feed state, refreshed a few times a second (not per frame). */
export function useFeed() {
  const { store } = useApp();
  useSyncExternalStore(store.subscribeUi, store.getVersion);
  return store.state;
}
