import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, securityHeaders } from './src/security-policy.ts';

// The dev server injects inline scripts (React Refresh), so the CSP meta tag is
// added only to the production build. `vite preview` also sends it as a header.
function cspMetaTag(): Plugin {
  return {
    name: 'protocol-lab:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ forMetaTag: true })}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMetaTag()],
  build: {
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
  worker: {
    format: 'es',
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: securityHeaders(),
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
