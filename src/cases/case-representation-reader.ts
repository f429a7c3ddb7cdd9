import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/** `representation` in `GET /api/v1/cases/{reference}`: who asks on the person's behalf, and the
 *  decision on their authority (the document itself never: only its type, size and whether it is gone). */
export interface CaseRepresentationJson {
  name: string;
  email: string;
  relationship: string;
  coversAnswer: boolean;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  document: { type: string | null; size: number | null; deleted: boolean };
}

/** How the case API reads a case's representation (null for a case the person made themselves).
 *  The representation module supplies the reader (it owns the table); without one, start-up stops
 *  rather than every case showing no representative. */
@Injectable()
export class CaseRepresentationReader implements OnApplicationBootstrap {
  private reader: ((caseId: string) => Promise<CaseRepresentationJson | null>) | null = null;

  useReader(reader: (caseId: string) => Promise<CaseRepresentationJson | null>): void {
    this.reader = reader;
  }

  onApplicationBootstrap(): void {
    if (!this.reader) throw new Error('CaseRepresentationReader has no reader: the representation module supplies it (useReader)');
  }

  representationFor(caseId: string): Promise<CaseRepresentationJson | null> {
    if (!this.reader) throw new Error('CaseRepresentationReader has no reader: the representation module supplies it (useReader)');
    return this.reader(caseId);
  }
}
