import { PAGE_LIMIT_ERROR, PAGE_SIZE_ERROR } from './zendesk-assumptions';

export interface PageAnswer {
  status: number;
  body: unknown;
}

const MAX_PAGE_SIZE = 100;
const MAX_OFFSET_PAGES = 100;
const MAX_OFFSET_RECORDS = 10_000;

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

/**
 * One page of `items`, as Zendesk pages lists: cursor pagination when `page[size]` is given
 * (and the endpoint supports it), otherwise offset pagination with absolute `next_page` URLs.
 * `url` is the full request URL as the client sent it; `present` turns an item of the page into
 * what the API shows (only the page's items are rendered, so long lists stay cheap).
 */
export function paginate<T>(items: T[], key: string, url: URL, cursorSupported: boolean, present: (item: T) => unknown = (item) => item): PageAnswer {
  const query = url.searchParams;
  const size = query.get('page[size]');
  if (cursorSupported && size !== null) {
    const pageSize = Number(size);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return { status: 400, body: PAGE_SIZE_ERROR };
    const after = query.get('page[after]');
    const start = after ? decodeCursor(after) : 0;
    if (start === undefined) return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'invalid cursor' } };
    const slice = items.slice(start, start + pageSize);
    const end = start + slice.length;
    const hasMore = end < items.length;
    const link = (cursorName: 'page[after]' | 'page[before]', offset: number) => {
      const next = new URL(url);
      next.searchParams.delete('page[after]');
      next.searchParams.delete('page[before]');
      next.searchParams.set(cursorName, encodeCursor(offset));
      return next.toString();
    };
    return {
      status: 200,
      body: {
        [key]: slice.map(present),
        meta: { has_more: hasMore, after_cursor: hasMore ? encodeCursor(end) : null, before_cursor: start > 0 ? encodeCursor(start) : null },
        links: { next: hasMore ? link('page[after]', end) : null, prev: start > 0 ? link('page[before]', start) : null },
      },
    };
  }

  const perPage = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(Number(query.get('per_page') ?? MAX_PAGE_SIZE)) || MAX_PAGE_SIZE));
  const page = Math.max(1, Math.trunc(Number(query.get('page') ?? 1)) || 1);
  // Since 2024 Zendesk refuses offset pages past page 100 or record 10,000, although next_page
  // still points there: a client that follows it gets the 400.
  if (page > MAX_OFFSET_PAGES || page * perPage > MAX_OFFSET_RECORDS) return { status: 400, body: PAGE_LIMIT_ERROR };
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const pageUrl = (number: number) => {
    const other = new URL(url);
    other.searchParams.set('page', String(number));
    return other.toString();
  };
  const hasNext = page * perPage < items.length;
  return {
    status: 200,
    body: {
      [key]: slice.map(present),
      next_page: hasNext ? pageUrl(page + 1) : null,
      previous_page: page > 1 ? pageUrl(page - 1) : null,
      count: items.length,
    },
  };
}
