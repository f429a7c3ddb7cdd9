import { Injectable } from '@nestjs/common';
import type { CaseTaskJson } from './case-json';

/** How the case API reads a case's tasks. The connectors module supplies the real reader (it owns
 *  the task table); until fan-out exists for a case it has no tasks, which is what this answers. */
@Injectable()
export class CaseTasksReader {
  private reader: ((caseId: string) => Promise<CaseTaskJson[]>) | null = null;

  useReader(reader: (caseId: string) => Promise<CaseTaskJson[]>): void {
    this.reader = reader;
  }

  tasksFor(caseId: string): Promise<CaseTaskJson[]> {
    return this.reader ? this.reader(caseId) : Promise.resolve([]);
  }
}
