import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The console is a static bundle served by `tongban serve` at `/` (`base: './'`, so it also works
 * under a prefix). bpmn-js and ECharts are split into chunks loaded by the screens that need them.
 */
export default defineConfig(({ command }) => ({
  // Tests build from inside vitest (NODE_ENV=test): name the production build of lit-html outright.
  resolve: {
    conditions: defaultClientConditions.map((c) =>
      c === 'development|production' ? (command === 'build' ? 'production' : 'development') : c,
    ),
  },
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    sourcemap: true,
  },
}));
