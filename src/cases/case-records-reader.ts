import type { Language } from '../common/case-types';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/** A record the search found, as the case JSON shows it (evidence masked; see src/connectors/records). */
export interface CaseRecordJson {
  id: string;
  system: string;
  recordKind: string;
  label: string | null;
  status: string;
  foundBy: string[];
  evidence: { given: Array<{ kind: string; value: string }>; held: Array<{ kind: string; value: string }> };
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface CaseRecordsJson {
  records: CaseRecordJson[];
  recordSearch: Array<{ system: string; status: string; error?: string | null; errorText?: Record<Language, string> }>;
}

/** How the case API reads the records found for a case. The connectors module supplies the reader
 *  (it owns the search); without one, start-up stops rather than every case showing no records. */
@Injectable()
export class CaseRecordsReader implements OnApplicationBootstrap {
  private reader: ((caseId: string) => Promise<CaseRecordsJson>) | null = null;

  useReader(reader: (caseId: string) => Promise<CaseRecordsJson>): void {
    this.reader = reader;
  }

  onApplicationBootstrap(): void {
    if (!this.reader) throw new Error('CaseRecordsReader has no reader: the connectors module supplies it (useReader)');
  }

  recordsFor(caseId: string): Promise<CaseRecordsJson> {
    if (!this.reader) throw new Error('CaseRecordsReader has no reader: the connectors module supplies it (useReader)');
    return this.reader(caseId);
  }
}
