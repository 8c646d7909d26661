import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// @keystone/react and @keystone/sdk are workspace packages whose exports point at their
// TypeScript sources, so Vite compiles them with the app (no build step in between).
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1' },
});
