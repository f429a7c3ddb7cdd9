import { normaliseEmail } from '../identity/email';
import { toE164 } from '../identity/phone';
import type { RecordIdentifiers, Subject } from './connector';

type Raw = string | null | undefined;

/**
 * What a record holds, in the form the engine compares: e-mails lower-cased, phones in E.164 (a
 * phone that does not parse is left out: it can neither establish nor receive a proof code),
 * everything trimmed, without blanks or repeats. Kinds the record holds nothing of are omitted.
 */
export function recordIdentifiers(raw: { emails?: Raw[]; phones?: Raw[]; customerNumbers?: Raw[]; names?: Raw[]; addresses?: Raw[] }): RecordIdentifiers {
  const held: RecordIdentifiers = {};
  const put = (kind: keyof RecordIdentifiers, values: Array<string | null>) => {
    const kept = [...new Set(values.filter((value): value is string => !!value))];
    if (kept.length) held[kind] = kept;
  };
  put('emails', (raw.emails ?? []).map(normaliseEmail));
  put(
    'phones',
    (raw.phones ?? []).map((phone) => toE164(phone)),
  );
  put('customerNumbers', (raw.customerNumbers ?? []).map(trimmed));
  put(
    'names',
    (raw.names ?? []).map((name) => trimmed(name)?.replace(/\s+/g, ' ') ?? null),
  );
  put(
    'addresses',
    (raw.addresses ?? []).map((address) => trimmed(address)?.replace(/\s+/g, ' ') ?? null),
  );
  return held;
}

/**
 * The one test every connector applies where it resolves "the subject's records": with
 * `onlyRecords` set, a record is the subject's only when its externalId is listed (an empty list
 * means none); without it, every record the search confirmed is.
 */
export function inScope(subject: Pick<Subject, 'onlyRecords'>, externalId: string): boolean {
  return subject.onlyRecords === undefined || subject.onlyRecords.includes(externalId);
}

function trimmed(value: Raw): string | null {
  const text = value?.trim();
  return text ? text : null;
}
