import type { ZodSafeParseResult } from 'zod';

/** A zod check of a system's `connection` as "connection.<field>: <problem>" lines (empty when valid). */
export function connectionProblems(result: ZodSafeParseResult<unknown>): string[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => `connection${issue.path.length ? `.${issue.path.map(String).join('.')}` : ''}: ${issue.message}`);
}
