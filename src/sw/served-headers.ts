// What the service worker adds to every response it serves: the isolation headers, and the Content-Security-Policy,
// which the <meta> in index.html cannot give to workers (they take theirs from their script's response) and which
// a static host may not send.
import { contentPolicyFor } from './content-policy';
import { ISOLATION_HEADERS } from './isolation';

export function withServedHeaders(response: Response, url: string): Response {
  // Opaque and error responses cannot be rebuilt; they pass through as they are.
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  headers.set('Content-Security-Policy', contentPolicyFor(new URL(url).pathname));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
