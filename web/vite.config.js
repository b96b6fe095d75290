import { defineConfig } from 'vite';

// 'dyad serve' serves dist/ at the site root; 'npm run dev' proxies the API to a running 'dyad serve'
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:5080', '/openapi': 'http://127.0.0.1:5080' } },
});
