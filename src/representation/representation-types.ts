/** Who the representative is to the person the data is about. */
export const RELATIONSHIPS = ['parent_guardian', 'power_of_attorney', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** A staff member's decision on the authority: nothing runs for the case until it is `accepted`. */
export type AuthorityStatus = 'pending' | 'accepted' | 'rejected';

/** Why fan-out (and the record search) must wait, or null when it may go on. */
export type RepresentationGate = null | 'authority_undecided' | 'authority_rejected';

/** The authority document: a scan or photo of a power of attorney, a birth certificate, a court order. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** 10 MB: a scanned multi-page PDF fits; anything bigger is not a document a handler reads. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The form field (and multipart part) that carries the document. */
export const DOCUMENT_FIELD = 'authorityDocument';

/** The method recorded on the subject's identifiers when staff accept the authority. */
export const AUTHORITY_METHOD = 'authority document checked';

/** An uploaded document as the intake hands it over, before it is checked and sealed. */
export interface UploadedDocument {
  bytes: Buffer;
  /** The type the client declared: only a hint, the bytes decide. */
  declaredType?: string;
}
