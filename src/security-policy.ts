// The app's Content Security Policy, shared by the build (a meta tag) and
// `vite preview` (a header). Scripts come only from the app's own origin;
// 'wasm-unsafe-eval' lets hash-wasm compile WebAssembly and allows no JS eval.

interface PolicyOptions {
  // A meta tag cannot carry frame-ancestors (CSP Level 3 §6.4.2), so it is left out there.
  forMetaTag: boolean;
}

export function contentSecurityPolicy({ forMetaTag }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (!forMetaTag) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ forMetaTag: false }),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}
