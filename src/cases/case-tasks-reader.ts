import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { CaseTaskJson } from './case-json';

/** How the case API reads a case's tasks. The connectors module supplies the reader (it owns the
 *  task table); without one, start-up stops rather than every case showing no tasks. */
@Injectable()
export class CaseTasksReader implements OnApplicationBootstrap {
  private reader: ((caseId: string) => Promise<CaseTaskJson[]>) | null = null;

  useReader(reader: (caseId: string) => Promise<CaseTaskJson[]>): void {
    this.reader = reader;
  }

  onApplicationBootstrap(): void {
    if (!this.reader) throw new Error('CaseTasksReader has no reader: the connectors module supplies it (useReader)');
  }

  tasksFor(caseId: string): Promise<CaseTaskJson[]> {
    if (!this.reader) throw new Error('CaseTasksReader has no reader: the connectors module supplies it (useReader)');
    return this.reader(caseId);
  }
}
