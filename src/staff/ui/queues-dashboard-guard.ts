import type { Request, Response } from 'express';

/** bull-board's page links Google Fonts; a GDPR tool does not tell Google who opens its pages.
 *  Without the link the page falls back to the browser's own sans-serif. */
const GOOGLE_FONTS_LINK = /<link[^>]*fonts\.googleapis\.com[^>]*>\s*/g;

export function withoutGoogleFonts(html: string): string {
  return html.replace(GOOGLE_FONTS_LINK, '');
}

/**
 * bull-board's write actions (PUT/POST/DELETE from its own page's fetch calls) carry no CSRF
 * token and cannot be taught one. A browser marks every request with where it came from: such a
 * request is accepted only when `Sec-Fetch-Site` says same-origin, or, from a browser that does
 * not send it, when `Origin` is this service's own origin. Anything else (another site, or no
 * browser header at all) is refused. GET and HEAD change nothing and pass.
 */
export function sameOriginWrite(request: Request, publicUrl: string): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const site = request.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.get('origin');
  if (!origin) return false;
  const own = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.get('host')}`]);
  return own.has(origin);
}

/** Renders the board's page through a response whose `render` strips the fonts link. */
export function stripFontsOnRender(response: Response, fail: (error: unknown) => void): void {
  const render = response.render.bind(response);
  response.render = ((view: string, options?: object) =>
    render(view, options ?? {}, (error: Error | null, html: string) => {
      if (error) return fail(error);
      response.send(withoutGoogleFonts(html));
    })) as Response['render'];
}
