/// <reference types="vitest/config" />
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';


/**
 * Builds of another page than the app (the stage harness of the bench and of
 * tests/e2e/stage*.test.ts: an `input` of their own, src/node/serve-build.ts) are not the
 * app a learner installs: they get no service worker and no manifest. Generating the worker
 * was most of such a build's time (at load 30 on 2 cores: 50 s with it, 19 s without; the
 * harness is built twice per test run).
 */
function appBuildOnly(plugins: Plugin[]): Plugin[] {
  const otherPage = (config: UserConfig) => (config.build?.rolldownOptions?.input ?? config.build?.rollupOptions?.input) !== undefined;
  return plugins.map((plugin) => {
    const own = plugin.apply;
    plugin.apply = (config, env) => !otherPage(config) && (own === undefined || (typeof own === 'function' ? own(config, env) : own === env.command));
    return plugin;
  });
}

export default defineConfig({
  plugins: [
    svelte(),
    // Offline after the first visit, and installable: a Workbox service worker precaches the
    // whole build (the app, every lesson chunk, Monaco and its worker and font). It registers
    // lazily from src/ui/pwa/ (`injectRegister: false`), with the relative base: its URL and
    // scope are `./sw.js` and `./`, so it follows the folder the site is served from. A new
    // build waits until the learner reloads ('prompt'), never mixing old and new files.
    appBuildOnly(VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      devOptions: { enabled: false },
      manifest: {
        name: 'MQTT Lab',
        short_name: 'MQTT Lab',
        description: 'An in-browser sandbox to see MQTT packets, step by step, with lessons and exercises',
        lang: 'en',
        display: 'standalone',
        background_color: '#f3f5f8',
        theme_color: '#1f63c6',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff2}'],
        // The lazy Monaco chunk is a few MB: above Workbox's default limit of 2 MiB.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    })),
  ],
  publicDir: 'static',
  resolve: {
    // The UI's texts use only `{name}` and plurals: a small parser of that part replaces the full
    // ICU parser under svelte-i18n (~9 kB gzip less in the first load; src/ui/i18n/message-parser.ts).
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: fileURLToPath(new URL('./src/ui/i18n/message-parser.ts', import.meta.url)) }],
  },
  // Relative asset paths: the built site works from any folder of any web server (a school
  // server's /mqtt-lab/, a static host), not only from the root (tests/e2e/subpath.test.ts).
  base: './',
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    // Monaco is loaded lazily as its own chunk; the warning would only be about that chunk.
    chunkSizeWarningLimit: 3500,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/ui/**'],
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'ui',
          environment: 'happy-dom',
          include: ['tests/ui/**/*.test.ts'],
          setupFiles: ['tests/ui/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
