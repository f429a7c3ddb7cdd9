import { GraphQLError } from 'graphql';

/** A Business NXT filter expression: field → {operator: operand}, plus `_and` / `_or` lists. */
export type FilterExpression = Record<string, unknown>;

/** Whether `row` passes `filter` (no filter = every row). String comparison is case-insensitive,
 *  as with SQL Server's default collation (unverified for NXT). */
export function matchesFilter(row: object, filter: FilterExpression | null | undefined): boolean {
  if (!filter) return true;
  const values = row as Record<string, unknown>;
  return Object.entries(filter).every(([key, condition]) => {
    if (condition === null || condition === undefined) return true;
    if (key === '_and') return (condition as FilterExpression[]).every((part) => matchesFilter(row, part));
    if (key === '_or') return (condition as FilterExpression[]).some((part) => matchesFilter(row, part));
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => compare(values[key], operator, operand));
  });
}

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(raw: unknown, operator: string, rawOperand: unknown): boolean {
  if (rawOperand === undefined) return true;
  const value = normalise(raw);
  const operand = Array.isArray(rawOperand) ? rawOperand.map(normalise) : normalise(rawOperand);
  switch (operator) {
    case '_eq':
      return value === operand;
    case '_not_eq':
      return value !== operand;
    case '_gt':
      return (value as number) > (operand as number);
    case '_gte':
      return (value as number) >= (operand as number);
    case '_lt':
      return (value as number) < (operand as number);
    case '_lte':
      return (value as number) <= (operand as number);
    case '_in':
      return (operand as unknown[]).includes(value);
    case '_not_in':
      return !(operand as unknown[]).includes(value);
    case '_between': {
      const [low, high] = operand as number[];
      return (value as number) >= low && (value as number) <= high;
    }
    case '_like':
      return likePattern(String(operand)).test(String(value ?? ''));
    case '_not_like':
      return !likePattern(String(operand)).test(String(value ?? ''));
    default:
      throw new GraphQLError(`Unsupported filter operator ${operator}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

const likePatterns = new Map<string, RegExp>();

/** SQL LIKE: % = any run, _ = one character. Compiled once per pattern, not once per row. */
function likePattern(pattern: string): RegExp {
  const cached = likePatterns.get(pattern);
  if (cached) return cached;
  if (likePatterns.size > 1000) likePatterns.clear();
  likePatterns.set(pattern, compileLike(pattern));
  return likePatterns.get(pattern)!;
}

function compileLike(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'is');
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  items: T[];
}

const encodeCursor = (index: number) => Buffer.from(`cursor:${index}`).toString('base64');

function decodeCursor(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new GraphQLError('Invalid cursor value for argument "after"', { extensions: { code: 'BAD_USER_INPUT' } });
  return Number(match[1]);
}

/** Cursor pagination: `after` is the cursor of the last row already read; `first` the page size. */
export function paginate<T>(rows: T[], first: number | null | undefined, after: string | null | undefined): Connection<T> {
  const start = after ? decodeCursor(after) + 1 : 0;
  if (first !== null && first !== undefined && first < 0) {
    throw new GraphQLError('Argument "first" must not be negative', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const end = first === null || first === undefined ? rows.length : Math.min(rows.length, start + first);
  const items = rows.slice(start, end);
  return {
    totalCount: rows.length,
    pageInfo: {
      hasNextPage: end < rows.length,
      hasPreviousPage: start > 0,
      startCursor: items.length ? encodeCursor(start) : null,
      endCursor: items.length ? encodeCursor(end - 1) : null,
    },
    items,
  };
}
