// Cross-origin isolation lets onnxruntime use threads (SharedArrayBuffer). A static host may not send the headers,
// so the service worker adds them to everything it serves from the precache (served-headers.ts).

export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
