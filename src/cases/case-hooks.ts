import { SetMetadata } from '@nestjs/common';

export const CASE_HOOK = 'dsr:case-hook';

/** Which closing transaction a hook joins. */
export type CaseHookKind = 'completion' | 'rejection';

/**
 * Marks the provider method that runs inside the completing transaction after the state check
 * (`CompletionHook`); what it returns joins the `case.completed` event's data. CasesService finds it
 * at start-up; none, or two, stop start-up naming them.
 */
export const CaseCompletionHook = (): MethodDecorator => SetMetadata(CASE_HOOK, 'completion' satisfies CaseHookKind);

/** Like `CaseCompletionHook`, for a rejection: the refusal letter is stored in its transaction. */
export const CaseRejectionHook = (): MethodDecorator => SetMetadata(CASE_HOOK, 'rejection' satisfies CaseHookKind);
