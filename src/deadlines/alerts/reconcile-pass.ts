import { SetMetadata } from '@nestjs/common';

export const RECONCILE_PASS = 'dsr:reconcile-pass';

/**
 * Marks a provider method as a reconciliation pass: another module's share of the rebuild from
 * PostgreSQL (verification reminders, fan-out tasks, answer packages…). It re-offers its jobs and
 * returns how many it offered. ReconciliationService finds every pass at start-up; two passes of
 * one name stop it.
 */
export const ReconcilePass = (name: string): MethodDecorator => SetMetadata(RECONCILE_PASS, name);
