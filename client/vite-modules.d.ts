// The root tsconfig uses moduleResolution "node" (for the CommonJS server), which ignores
// package "exports". vite and @vitejs/plugin-react publish their types only through
// "exports", so point the bare names at the files directly. Only vite.config.ts uses this.
declare module 'vite' {
  export * from 'vite/dist/node/index';
}

declare module '@vitejs/plugin-react' {
  import react from '@vitejs/plugin-react/dist/index';
  export * from '@vitejs/plugin-react/dist/index';
  export default react;
}
