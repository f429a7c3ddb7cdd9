import { z } from 'zod';
import { CHANNELS, KEEP_BASES, NOT_HELD_REASONS, type Disposition } from './disposition';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const what = z.string().trim().min(1, 'say what the records are').max(200);
const count = z.number().int().min(0).max(10_000_000).optional();
const text = (max: number, needed: string) => z.string().trim().min(1, needed).max(max);

/**
 * The shape of one disposition, for what a person types (manual outcomes) and what a connector
 * returns: a bad one is refused with the field and the problem, never stored half-right.
 */
export const dispositionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disclosed'), what, count }).strict(),
  z.object({ kind: z.literal('erased'), what, count }).strict(),
  z.object({ kind: z.literal('anonymised'), what, count }).strict(),
  z
    .object({
      kind: z.literal('corrected'),
      what,
      count,
      field: text(60, 'name the field'),
      old: z.string().max(500),
      new: z.string().max(500),
    })
    .strict()
    .refine((value) => value.old !== value.new, { message: 'old and new are the same: nothing was corrected', path: ['new'] }),
  z.object({ kind: z.literal('restricted'), what, count, how: text(300, 'say how the use is restricted') }).strict(),
  z
    .object({
      kind: z.literal('suppressed'),
      what,
      count,
      channels: z.array(z.enum(CHANNELS)).min(1, 'name at least one channel'),
      minimalEntryOnly: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('kept'),
      what,
      count,
      basis: z.enum(KEEP_BASES),
      law: z.string().trim().max(300).optional(),
      claim: z.string().trim().max(300).optional(),
      until: isoDay.optional(),
      criterion: z.string().trim().max(300).optional(),
      allowedUse: text(300, 'say what the kept records may still be used for'),
    })
    .strict()
    .refine((value) => value.until || value.criterion, { message: 'give an until-date or a criterion for how long', path: ['until'] })
    .refine((value) => value.basis !== 'legal_obligation' || value.law, { message: 'name the law that requires keeping them', path: ['law'] })
    .refine((value) => value.basis !== 'legal_claims' || value.claim, { message: 'name the legal claim', path: ['claim'] }),
  z.object({ kind: z.literal('forwarded'), what: what.optional(), count, to: text(200, 'name who it went to'), at: isoDay }).strict(),
  z
    .object({
      kind: z.literal('not_held'),
      reason: z.enum(NOT_HELD_REASONS),
      what: what.optional(),
      deletedOn: isoDay.optional(),
      routine: z.string().trim().max(300).optional(),
    })
    .strict()
    .refine((value) => value.reason !== 'routine_deletion' || value.deletedOn || value.routine, {
      message: 'say when or by which routine it was deleted',
      path: ['deletedOn'],
    }),
  z.object({ kind: z.literal('failed'), what: what.optional(), reason: text(1000, 'say what went wrong') }).strict(),
]);

export const dispositionListSchema = z.array(dispositionSchema).max(200);

/** Problems as "dispositions[i].field: problem", for a 400 that names the field. */
export function dispositionProblems(value: unknown, path = 'dispositions'): Array<{ field: string; problem: string }> {
  const parsed = dispositionListSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    field: [path, ...issue.path].map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${String(part)}` : String(part))).join(''),
    problem: issue.message,
  }));
}

/** The dispositions stored on a task outcome, or none when it has none in a valid shape. */
export function storedDispositions(outcome: Record<string, unknown> | null | undefined): Disposition[] {
  const parsed = dispositionListSchema.safeParse(outcome?.dispositions);
  return parsed.success ? (parsed.data as Disposition[]) : [];
}
