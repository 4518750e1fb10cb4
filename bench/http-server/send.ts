/** The bench's own requests to a server: raw node:http, so a check controls every header and chunk it sends. */
import { request } from 'node:http';

/** Status, headers and body of one request, or no status when no answer came within `ms`. */
export function send(
  base: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; chunks?: (string | Buffer)[]; end?: boolean; ms?: number },
): Promise<{ status?: number; headers: Record<string, string | string[] | undefined>; body: string; after: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(
      `${base}${options.path ?? '/graphql'}`,
      { method: options.method ?? 'POST', agent: false, headers: { 'content-type': 'application/json', ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, after: Date.now() - started }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ headers: {}, body: '', after: Date.now() - started });
    }, options.ms ?? 3_000);
    req.on('close', () => clearTimeout(timer));
    req.on('error', () => {});
    for (const chunk of options.chunks ?? []) req.write(chunk);
    if (options.end ?? true) req.end();
  });
}

export type Answer = Awaited<ReturnType<typeof send>>;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
