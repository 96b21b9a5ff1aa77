/// <reference path="./vite-modules.d.ts" />
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves client/dist at /app/ and fills in <!--trellis-boot--> per launch.
export default defineConfig({
  root: path.resolve(__dirname),
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, 'dist'),
    emptyOutDir: true,
  },
});
