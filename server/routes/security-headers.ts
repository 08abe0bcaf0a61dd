import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The CSP source for one exact inline style text: `'sha256-…'`. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/**
 * Tremor's DonutChart calls `setAttribute('style', 'outline: none')` on every pie sector when a
 * slice is clicked (the drill-down), the only style *attribute* the built dashboard writes: React
 * sets `style` props through the CSSOM, which CSP does not govern. Allowing that one text by hash
 * keeps `style-src-attr` far narrower than 'unsafe-inline'; test/e2e/csp.test.ts clicks a slice
 * and fails on any violation, so a library update that writes another is noticed.
 */
const DASHBOARD_STYLE_ATTRIBUTES = ['outline: none'];

/**
 * The dashboard's Content-Security-Policy. The Vite build has no inline script or style element
 * (one module script and one stylesheet from /assets), so scripts and style sheets are 'self'
 * only, without 'unsafe-inline' or 'unsafe-eval'. No `upgrade-insecure-requests`: Tandem is
 * served over plain http on localhost by default, where it would break every request.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-hashes'", ...DASHBOARD_STYLE_ATTRIBUTES.map(styleHash)],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
} as const;

/** helmet's headers (nosniff, frame and referrer policies, COOP/CORP, ...) with the CSP above. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Frames are already refused by frame-ancestors; the legacy header says the same to old browsers.
    xFrameOptions: { action: 'deny' },
  });
}
