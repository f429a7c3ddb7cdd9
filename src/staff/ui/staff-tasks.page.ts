import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource, In } from 'typeorm';
import { CasesReader } from '../../cases/cases-reader';
import { CaseTaskEntity } from '../../connectors/tasks/case-task.entity';
import { SystemsService } from '../../systems/systems.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { taskActionName } from '../../common/task-action-words';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { shownDay } from './shown-date';
import { StaffBadge } from './staff-badge';

export interface TaskFormState {
  taskId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  problem?: string;
}

/** The manual tasks a person is to do: a system owner sees only the systems whose data-map
 *  `owner` is their e-mail; admins and auditors see every task waiting for a person. */
@Injectable()
export class StaffTasksPage {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly systems: SystemsService,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
    private readonly casesReader: CasesReader,
  ) {}

  /** The systems this person answers for (every system for admins and auditors). */
  systemIdsFor(staff: StaffPrincipal): string[] {
    const all = this.systems.systems();
    if (staff.role !== 'owner') return all.map((system) => system.id);
    return all.filter((system) => system.owner.toLowerCase() === staff.email.toLowerCase()).map((system) => system.id);
  }

  async send(request: Request, response: Response, staff: StaffPrincipal, status: number, form?: TaskFormState, notice?: string): Promise<void> {
    const copy = this.pages.copy(request);
    const language = this.pages.language(request);
    const systemIds = this.systemIdsFor(staff);
    const tasks = systemIds.length
      ? await this.dataSource.getRepository(CaseTaskEntity).find({
          where: { status: 'manual', systemId: In(systemIds) },
          order: { createdAt: 'ASC' },
          take: 200,
        })
      : [];
    const cases = tasks.length ? await this.casesReader.openByIds([...new Set(tasks.map((task) => task.caseId))]) : [];
    const byId = new Map(cases.map((entity) => [entity.id, entity]));
    const items = tasks
      .filter((task) => byId.has(task.caseId))
      .map((task) => {
        const entity = byId.get(task.caseId)!;
        const mine = form?.taskId === task.id;
        return {
          id: task.id,
          system: task.systemId,
          systemName: this.systems.nameOf(task.systemId, language),
          // Only an export (access, portability) hands data over: the form shows the upload then.
          action: task.action,
          actionKind: task.action,
          reference: entity.reference,
          dueOn: entity.effectiveDue,
          due: shownDay(entity.effectiveDue, { language }),
          what: `${copy.type[entity.type]} (${taskActionName(task.action === 'manual' ? String(task.params.action ?? task.action) : task.action, language)})`,
          subject: [entity.subjectName, entity.subjectEmail, entity.subjectPhone, entity.subjectCustomerNumber].filter(Boolean).join(', '),
          values: mine ? form.values : {},
          errors: mine ? form.errors : {},
        };
      })
      .sort((left, right) => left.dueOn.localeCompare(right.dueOn));
    this.pages.send(request, response, status, 'tasks', {
      title: copy.tasks.title,
      active: 'tasks',
      notice,
      problem: form?.problem,
      badge: await this.badge.count(staff),
      data: { tasks: items, canRecord: staff.role === 'owner' || staff.role === 'admin', canOpenCases: staff.role !== 'owner' },
    });
  }
}
