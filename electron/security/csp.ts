// The Content-Security-Policy sent with every app:// response. No network at all; scripts
// and workers only from the app itself; 'wasm-unsafe-eval' so sql.js and libsodium (the
// worker's ChaCha20-Poly1305) can compile their WebAssembly (it does not allow eval of
// JavaScript).
// style-src needs 'unsafe-inline' because recharts and the virtualised table set style
// attributes at run time; without script injection (script-src 'self') that only lets an
// attacker restyle the page, not run code. See docs/ELECTRON.md.

export const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Headers on every app:// response besides Content-Type. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // COOP + COEP make the page cross-origin isolated, so it may share memory with its workers
  // (a large snapshot is decrypted on two cores: renderer/worker/decrypt-aside.ts).
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * For session.webRequest.onHeadersReceived: the same headers on every response the
 * session sees, as a second line behind the protocol handler.
 */
export function withSecurityHeaders(responseHeaders: Record<string, string[]> | undefined): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  const ours = new Set(Object.keys(SECURITY_HEADERS).map((name) => name.toLowerCase()));
  for (const [name, values] of Object.entries(responseHeaders ?? {})) {
    if (!ours.has(name.toLowerCase())) headers[name] = values;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers[name] = [value];
  return headers;
}
