// Vite configuration of the Chokepoint web app. `chokepoint serve` serves the
// built folder at / (index.html, assets/...; /app/* paths get index.html).
// The output folder is given on the command line (CMake builds into
// <build>/web); `npm run build` alone writes web/dist.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    // `npm run dev` proxies the API to a server started with `chokepoint serve`.
    proxy: {
      '/v1': process.env.CHOKEPOINT_URL || 'http://127.0.0.1:8080',
      '/healthz': process.env.CHOKEPOINT_URL || 'http://127.0.0.1:8080',
    },
  },
});
