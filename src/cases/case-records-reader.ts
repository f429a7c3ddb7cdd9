import { Injectable } from '@nestjs/common';

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
  recordSearch: Array<{ system: string; status: string; error?: string | null }>;
}

/** How the case API reads the records found for a case. The connectors module supplies the real
 *  reader (it owns the search); before any search a case has none, which is what this answers. */
@Injectable()
export class CaseRecordsReader {
  private reader: ((caseId: string) => Promise<CaseRecordsJson>) | null = null;

  useReader(reader: (caseId: string) => Promise<CaseRecordsJson>): void {
    this.reader = reader;
  }

  recordsFor(caseId: string): Promise<CaseRecordsJson> {
    return this.reader ? this.reader(caseId) : Promise.resolve({ records: [], recordSearch: [] });
  }
}
