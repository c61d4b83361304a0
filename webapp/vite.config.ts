/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// No React plugin: esbuild's automatic JSX transform is all the build needs (no fast refresh).
// The Maven build passes --outDir target/classes/webapp; `npm run dev` proxies the API to a local server.
const api = 'http://127.0.0.1:8765';
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'target/classes/webapp', emptyOutDir: true, chunkSizeWarningLimit: 400 },
  server: {
    proxy: Object.fromEntries(
      ['/login', '/logout', '/me', '/live', '/history', '/trails', '/spawns', '/portals', '/rares',
        '/character-stats', '/combat-stats', '/quests', '/agent'].map((p) => [p, api]).concat([['/ws', { target: api, ws: true } as never]]),
    ),
  },
  test: { environment: 'node', include: ['test/**/*.test.ts'] },
});
