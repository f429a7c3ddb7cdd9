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

export const REGISTRATION_JOBS = 'dsr:registration-jobs';

/**
 * Marks a provider method `(saved: CaseEntity, manager: EntityManager) => JobRequest[] |
 * Promise<JobRequest[]>` that runs inside `CasesService.register`'s transaction: it may write its
 * own rows with `manager`, and the jobs it returns (each with a fixed job id) are staged in the job
 * outbox with the case, so they commit with it. Any number of modules may mark one.
 */
export const RegistrationJobs = (): MethodDecorator => SetMetadata(REGISTRATION_JOBS, true);
