/**
 * The web app (web/, built by `npm run build -w @tepat/web` into web/dist) served by the
 * gateway from its own origin under /app/, so it talks to this gateway's /graphql and to
 * nothing else: a content-security policy without 'unsafe-inline' or 'unsafe-eval' says so
 * to the browser. `/` and the old `/dashboard` send the reader to it.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Where the app is served; web/vite.config.ts builds it for the same base. */
export const WEB_APP_PATH = '/app/';
/** The targeting dashboard's old address (issue 7), kept so its links still land. */
export const DASHBOARD_PATH = '/dashboard';

/** The built app in this checkout. */
export const WEB_APP_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Scripts, styles, images and fonts from this origin only, requests to this origin only;
 * no inline script or style, no eval, no framing, no plugins.
 */
export const WEB_APP_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_APP_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function redirect(to: string): Route {
  return async (req, res) => {
    req.resume();
    res.writeHead(302, { location: to, 'cache-control': 'no-cache' });
    res.end();
  };
}

/**
 * The routes to mount on the gateway's server: the app under /app/ (every path inside it
 * that is not a file is the app's own route, answered with index.html), and redirects.
 */
export function webAppRoutes(dir = WEB_APP_DIR): Record<string, Route> {
  return {
    '/': redirect(WEB_APP_PATH),
    [WEB_APP_PATH.slice(0, -1)]: redirect(WEB_APP_PATH),
    [DASHBOARD_PATH]: redirect(`${WEB_APP_PATH}analyst`),
    [WEB_APP_PATH]: webAppHandler(dir),
  };
}

function webAppHandler(dir: string): Route {
  if (!existsSync(join(dir, 'index.html'))) {
    return async (req, res) => {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' });
      res.end('The web app is not built: run `npm run build -w @tepat/web` (npm install does it), then reload.');
    };
  }
  const serve = sirv(dir, {
    single: true,
    etag: true,
    setHeaders(res, pathname) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // Built assets carry their content hash in the name: they never change. index.html does.
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) =>
    new Promise<void>((resolve) => {
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
        res.end('The app is read with GET.');
        return resolve();
      }
      // sirv sees paths inside the app: /app/analyst -> /analyst.
      req.url = req.url!.slice(WEB_APP_PATH.length - 1) || '/';
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      serve(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain', ...SECURITY_HEADERS });
        res.end('Not found.');
      });
    });
}
