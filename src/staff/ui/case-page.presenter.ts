import { isIsoDate } from '../../common/iso-date';
import { humanDate } from '../../common/human-date';
import { RepeatRequestsReader } from '../../cases/repeat-requests';
import { DuplicateCasesReader } from '../../cases/duplicate-cases';
import { duplicatesView } from './duplicates.view';
import { caseStage } from '../../cases/case-stage';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { OPEN_STATUSES, REJECTION_CODES } from '../../common/case-types';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { objectionKind } from '../../common/case-types';
import { CaseRecordsService } from '../../connectors/records/case-records.service';
import { recordsView } from './case-records.view';
import { manualWaitingText } from '../../connectors/manual/manual-waiting';
import { errorIn, summaryIn } from '../../connectors/outcome-summary';
import { TaskCommandsService } from '../../connectors/tasks/task-commands.service';
import { OPEN_TASK_STATUSES } from '../../connectors/tasks/case-task.entity';
import { CaseAlertEntity } from '../../deadlines/alerts/case-alert.entity';
import { DeadlineService } from '../../deadlines/deadline.service';
import { IdentityService } from '../../identity/identity.service';
import { OutboxService } from '../../notifications/outbox.service';
import { AnswerService } from '../../responses/answer.service';
import { DownloadService } from '../../responses/download/download.service';
import { StaffAnswerFilesService } from '../../responses/download/staff-answer-files.service';
import { RestrictionLiftingService } from '../../responses/restriction/restriction-lifting.service';
import { RecipientTasksService } from '../../responses/notices/recipient-tasks.service';
import { recipientTasksView } from './recipient-tasks.view';
import { methodWords } from './pages/engine-words';
import { taskActionName } from '../../common/task-action-words';
import type { Language } from '../../common/case-types';
import { processorForwardsView } from './processor-forwards.view';
import { preservationView } from './preservation.view';
import { conversationView } from './conversation.view';
import { ConversationService } from '../../replies/conversation.service';
import { PreservationService } from '../../connectors/manual/preservation.service';
import { PlanReviewService } from '../../connectors/plan/plan-review.service';
import { casePlanView } from './case-plan.view';
import { PLAN_COPY } from './pages/plan-copy';
import { STAFF_COPY } from './pages/staff-copy';
import { onBehalfSection } from '../../representation/on-behalf-section';
import { SystemsService } from '../../systems/systems.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffUsersService } from '../users/staff-users.service';
import { DeadlineStates } from './deadline-states';
import { fill, type StaffCopy } from './pages/staff-copy';
import { fillWithDates, shownDay, shownInstant } from './shown-date';
import { caseDetailsView } from './case-details.view';
import { processorControllers } from '../../systems/processor-controllers';

export type FormValues = Record<string, Record<string, string>>;
export type FormErrors = Record<string, Record<string, string>>;

export interface CaseFormState {
  values?: FormValues;
  errors?: FormErrors;
  formProblem?: string;
  /** The manual task whose outcome form the values and errors belong to. */
  taskId?: string;
  /** The identifier whose confirm form the values and errors belong to. */
  identifierId?: string;
  /** The Art 19 recipient task whose done or waive form the values and errors belong to. */
  recipientTaskId?: string;
  /** The plan item whose form the values and errors belong to. */
  planItemId?: string;
  /** The refusal letter the reject form's "preview" asked for, with the reasons it was built from. */
  refusal?: { reasonCode: string; reason: string; subject: string; text: string; edited: boolean };
}

/** Statuses in which the answer letter can still be previewed and edited. */
const LETTER_STATUSES = new Set(['in_progress', 'awaiting_review']);

const TASK_REFRESH_SECONDS = 10;

const CASE_WORKER_ROLES = new Set(['admin', 'handler']);

/** Everything the case page shows: the request as received, subject and identity, deadlines,
 *  tasks, a timeline of events, e-mails and alerts, and the actions state and role allow. */
@Injectable()
export class CasePagePresenter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly tasks: TaskCommandsService,
    private readonly deadlines: DeadlineService,
    private readonly states: DeadlineStates,
    private readonly systems: SystemsService,
    private readonly users: StaffUsersService,
    private readonly answers: AnswerService,
    private readonly downloads: DownloadService,
    private readonly files: StaffAnswerFilesService,
    private readonly liftings: RestrictionLiftingService,
    private readonly records: CaseRecordsService,
    @InjectRepository(CaseAlertEntity) private readonly alerts: Repository<CaseAlertEntity>,
    private readonly identity: IdentityService,
    private readonly repeats: RepeatRequestsReader,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipientTasks: RecipientTasksService,
    private readonly preservation: PreservationService,
    private readonly plans: PlanReviewService,
    private readonly duplicates: DuplicateCasesReader,
    private readonly conversation: ConversationService,
  ) {}

  async present(entity: CaseEntity, staff: StaffPrincipal, copy: StaffCopy, form: CaseFormState = {}) {
    const tz = this.config.TZ_NAME;
    const language: Language = copy.languageName === 'English' ? 'en' : 'nb';
    const dates = { language, timeZone: tz };
    const day = (value: string) => shownDay(value, dates);
    // The data map's system names in the staff member's language wherever the page names a system.
    const systemName = (id: string) => this.systems.nameOf(id, language);
    const [events, emails, alerts, tasks, staffUsers, decision, preview, download, repeats] = await Promise.all([
      this.audit.forCase(entity.id),
      this.outbox.forCase(entity.id),
      this.alerts.find({ where: { caseId: entity.id }, order: { sentAt: 'ASC' } }),
      this.tasks.tasksFor(entity.id),
      this.users.list(),
      this.tasks.decisionFor(entity.id),
      LETTER_STATUSES.has(entity.status) ? this.answers.preview(entity.reference) : Promise.resolve(null),
      this.downloads.packageState(entity.id),
      this.repeats.forCase(entity),
    ]);
    const [storedLetters, lifting, identifiers, duplicates] = await Promise.all([
      this.files.letters(entity.id),
      this.liftings.liftingFor(entity.id),
      this.identity.list(entity.id),
      this.duplicates.forCase(entity),
    ]);
    const onBehalf = await onBehalfSection(this.dataSource.manager, entity, language, CASE_WORKER_ROLES.has(staff.role));
    const [found, searches, recordState] = await Promise.all([
      this.records.records(entity.id),
      this.records.discoveries(entity.id),
      this.records.state(entity.id),
    ]);
    const names = new Map(staffUsers.map((user) => [user.id, user.name]));
    const controllers = new Map(this.systems.systems().flatMap((system) => processorControllers(system).map((controller) => [controller.id, controller.name])));
    const who = (actor: string) => (actor.startsWith('staff:') ? (names.get(actor.slice(6)) ?? actor) : actor === 'requester' ? copy.requester : copy.system);
    const urgency = this.states.of(entity);
    const open = !isClosed(entity);
    const worker = CASE_WORKER_ROLES.has(staff.role);
    const extension = open && !entity.pausedAt ? this.deadlines.checkExtension(entity) : null;
    const openTasks = tasks.filter((task) => (OPEN_TASK_STATUSES as string[]).includes(task.status)).length;
    const isLegitimateInterestObjection = entity.type === 'objection' && objectionKind(entity.details) === 'legitimate_interest';

    const can = {
      assign: worker && open,
      markExtensionPosted: worker && Boolean(entity.extendedDue) && !entity.extensionNotifiedAt,
      verify: worker && entity.status === 'awaiting_verification',
      // Approval is of the exact records found: once the search is done and every possible match
      // decided, and again when those records changed since the last approval.
      approve:
        worker &&
        entity.status === 'in_progress' &&
        this.systems.approvalRequired(entity.type) &&
        !(entity.approvedAt && recordState.approvalCurrent) &&
        !recordState.searching &&
        !recordState.undecided,
      objection: worker && entity.status === 'in_progress' && isLegitimateInterestObjection && !decision,
      requestInformation: worker && (OPEN_STATUSES as string[]).includes(entity.status),
      resume: worker && open && Boolean(entity.pausedAt),
      extend: worker && Boolean(extension?.allowed),
      // Completing refuses while a task runs or waits for a person, or before a required approval
      // (objections never wait for one), so the button waits too.
      complete:
        worker &&
        (entity.status === 'in_progress' || entity.status === 'awaiting_review') &&
        openTasks === 0 &&
        !(this.systems.approvalRequired(entity.type) && entity.type !== 'objection' && !(entity.approvedAt && recordState.approvalCurrent)),
      flag: worker && open,
      reject: worker && open,
      note: worker,
      editLetter: worker && Boolean(preview),
      unlock: worker && Boolean(download && !download.gone && download.lockedAt),
      liftRestriction: worker && entity.type === 'restriction' && ['completed', 'awaiting_review'].includes(entity.status) && !lifting,
      cancelLift: worker && Boolean(lifting && !lifting.liftedAt && !lifting.cancelledAt),
    };

    const timeline = [
      ...events.map((event) => ({
        time: event.occurredAt,
        kind: 'event',
        title: copy.events[event.type] ?? event.type,
        text: describe(event.data, copy, language, systemName),
        by: fill(copy.by, { who: who(event.actor) }),
      })),
      ...emails.map((email) => ({
        time: email.sentAt ?? email.createdAt,
        kind: 'email',
        title: email.subject,
        text: `${email.toAddress} – ${copy.emailStatus[email.status] ?? email.status}`,
        by: '',
      })),
      ...alerts.map((alert) => ({
        time: alert.sentAt,
        kind: 'alert',
        title: `${copy.alertKind[alert.kind] ?? alert.kind} (${String(day(alert.forDate))})`,
        text: copy.alertTo[alert.recipientKind] ?? '',
        by: '',
      })),
    ]
      .sort((left, right) => left.time.getTime() - right.time.getTime())
      .map((item) => ({
        ...item,
        iso: item.time.toISOString(),
        at: String(shownInstant(item.time, dates)),
        kindLabel: copy.timelineKind[item.kind as keyof StaffCopy['timelineKind']],
      }));

    const finished = tasks.length - openTasks;
    const values = form.values ?? {};
    const conversation = await this.conversation.forCase(entity.id);
    return {
      case: {
        reference: entity.reference,
        urgency,
        urgencyLabel: copy.urgency[urgency],
        statusLabel: copy.status[caseStage(entity, this.systems.approvalTypes())],
        typeLabel: copy.type[entity.type],
        channelLabel: copy.channel[entity.channel],
        assignee: entity.assigneeId ? (names.get(entity.assigneeId) ?? entity.assigneeId) : copy.case.nobody,
        flagged: entity.flaggedExcessive,
        lifting: lifting
          ? lifting.liftedAt
            ? fillWithDates(copy.answer.liftDone, { at: shownInstant(lifting.liftedAt, dates) })
            : lifting.cancelledAt
              ? fillWithDates(copy.answer.liftCancelledOn, { at: shownInstant(lifting.cancelledAt, dates), reason: lifting.cancelReason ?? '' })
              : fillWithDates(copy.answer.liftPending, { day: day(lifting.liftOn) })
          : null,
        repeats: repeats.possiblyExcessive
          ? {
              text: fill(copy.case.repeats, { count: String(repeats.count), months: String(repeats.months) }),
              earlier: repeats.earlier.map((earlier) => ({ ...earlier, receivedOn: day(earlier.receivedOn) })),
            }
          : null,
        duplicates: duplicatesView(entity.reference, duplicates, copy, worker),
        receivedAt: shownInstant(entity.receivedAt, dates),
        receivedOn: day(entity.receivedOn),
        language: entity.language === 'en' ? 'English' : 'Norsk',
        details: caseDetailsView(entity.details, language, (id) => controllers.get(id)),
        subject: {
          email: entity.subjectEmail,
          name: entity.subjectName,
          phone: entity.subjectPhone,
          customerNumber: entity.subjectCustomerNumber,
        },
        identity: entity.verifiedAt
          ? fillWithDates(copy.case.verifiedBy, { at: shownInstant(entity.verifiedAt, dates), method: methodWords(entity.verificationMethod ?? '', language) })
          : copy.case.notVerified,
        deadlines: {
          statutory: day(entity.statutoryDue),
          promise: entity.promiseDue ? day(entity.promiseDue) : copy.case.noPromise,
          effective: day(entity.effectiveDue),
          sendBy: day(entity.sendBy),
          extended: entity.extendedDue ? day(entity.extendedDue) : null,
        },
        extension: entity.extendedDue
          ? {
              reason: entity.extensionReason,
              notifiedAt: entity.extensionNotifiedAt
                ? fillWithDates('{{at}} ({{by}})', {
                    at: shownInstant(entity.extensionNotifiedAt, dates),
                    by: copy.extensionPost.notifiedBy[entity.extensionNotifiedBy ?? 'email'],
                  })
                : '',
              // No e-mail address: the staff task to post the letter, until someone records it posted.
              toPost: !entity.extensionNotifiedAt,
            }
          : null,
        paused: entity.pausedAt ? fillWithDates(copy.case.paused, { at: shownInstant(entity.pausedAt, dates), reason: entity.pauseReason ?? '' }) : null,
        pausedDays: entity.pausedDays,
        approved: entity.approvedAt ? fillWithDates(copy.case.approved, { at: shownInstant(entity.approvedAt, dates) }) : null,
        rejected: entity.rejectionCode ? fill(copy.case.rejected, { code: copy.rejection[entity.rejectionCode], reason: entity.rejectionReason ?? '' }) : null,
        closed: entity.closedAt ? fillWithDates(copy.case.closed, { at: shownInstant(entity.closedAt, dates) }) : null,
      },
      records: recordsView({
        records: found,
        searches,
        actionable: recordState.actionable,
        identifiers,
        copy,
        systemName,
        // A processor system's forward (made at receipt) acts on no record of ours.
        mayDecide: worker && entity.status === 'in_progress' && tasks.every((task) => task.action === 'forward'),
        values,
        errors: form.errors ?? {},
        dates,
      }),
      identifiers: identifiers.map((identifier) => ({
        id: identifier.id,
        kind: copy.identity.kind[identifier.kind] ?? identifier.kind,
        value: identifier.given,
        basis: identifier.basis,
        basisLabel: copy.identity.basis[identifier.basis],
        notANumber: !identifier.searchable,
        how: identifier.method
          ? fillWithDates(copy.identity.how, {
              method: methodWords(identifier.method, language),
              who: who(identifier.establishedBy ?? 'system'),
              at: shownInstant(identifier.establishedAt, dates),
            })
          : '',
        reason: identifier.reason ? fill(copy.identity.reason, { reason: identifier.reason }) : '',
        canConfirm: worker && open && identifier.basis === 'claimed' && identifier.searchable,
        form: form.identifierId === identifier.id ? { values: values.identifier ?? {}, errors: form.errors?.identifier ?? {} } : { values: {}, errors: {} },
      })),
      tasks: tasks.map((task) => ({
        id: task.id,
        system: systemName(task.systemId),
        action: taskActionName(task.action, language),
        // The engine's own kind: the outcome form offers the hand-over for an export only.
        actionKind: task.action,
        status: task.status,
        statusLabel: copy.task[task.status],
        outcome: outcomeText(task, language),
        error: errorIn(task, language),
        retained: retainedOf(task.outcome).map((item) =>
          fillWithDates(copy.case.retained, { ...item, until: isIsoDate(item.until) ? day(item.until) : item.until }),
        ),
        attempts: task.attempts,
        attemptsText: task.attempts > 1 ? fill(copy.case.attemptsCount, { count: task.attempts }) : '',
        canRetry: worker && open && task.status === 'failed',
        canRecord: worker && open && task.status === 'manual',
        // The posted task's form opens where it is, with the problem beside it (not atop the actions).
        form:
          form.taskId === task.id
            ? { values: values.outcome ?? {}, errors: form.errors?.outcome ?? {}, open: true, problem: form.formProblem }
            : { values: {}, errors: {}, open: false },
      })),
      letter: preview
        ? {
            kind: preview.kind,
            edited: preview.edited,
            subject: values.letter?.subject ?? preview.subject,
            text: values.letter?.text ?? preview.text,
            notices: preview.notices.map((notice) => `${notice.name} (${notice.system})`),
            notNotified: preview.notNotified.map((recipient) => `${recipient.name} (${recipient.system})`),
          }
        : null,
      download: download
        ? {
            state: download.gone ? copy.answer.downloadGone : download.lockedAt ? copy.answer.downloadLocked : copy.answer.downloadOpen,
            locked: Boolean(!download.gone && download.lockedAt),
            lockedAt: download.lockedAt ? shownInstant(download.lockedAt, dates) : null,
            expiresAt: shownInstant(download.expiresAt, dates),
          }
        : null,
      files:
        worker && (storedLetters.length || (download && !download.gone))
          ? {
              letters: storedLetters.map((letter) => ({
                id: letter.id,
                subject: letter.subject,
                delivery: letter.delivery === 'post' ? copy.answer.byPost : copy.answer.byEmail,
              })),
              package: Boolean(download && !download.gone),
            }
          : null,
      taskProgress: fill(copy.case.progress, { finished, total: tasks.length }),
      /** Seconds between reloads while a connector task is queued or running (no JavaScript on staff pages). */
      refreshSeconds:
        tasks.some((task) => task.status === 'pending' || task.status === 'running') || searches.some((search) => search.status === 'pending')
          ? TASK_REFRESH_SECONDS
          : undefined,
      timeline,
      can,
      onBehalf,
      anyAction: Object.values(can).some(Boolean),
      requestInformationHelp:
        this.deadlines.pauseAllowed && !entity.pausedAt ? copy.actions.requestInformationPauses : copy.actions.requestInformationClockRuns,
      extendWarning: extension?.allowed && extension.breaksPromise ? fill(copy.actions.extendWarning, { days: this.config.DEADLINE_PROMISE_DAYS }) : null,
      assignees: (await this.users.assignable()).map((user) => ({
        id: user.id,
        label: `${user.name} (${copy.roles[user.role]})`,
        selected: (values.assign?.userId ?? entity.assigneeId ?? staff.id) === user.id,
      })),
      refusal: form.refusal ?? null,
      recipientTasks: recipientTasksView({
        tasks: await this.recipientTasks.listFor(entity),
        copy,
        maySettle: worker && open,
        who,
        dates,
        postedId: form.recipientTaskId,
        values,
        errors: form.errors ?? {},
      }),
      processorForwards: processorForwardsView({
        tasks,
        systemName,
        copy,
        mayChoose: worker && open,
        values,
        errors: form.errors ?? {},
      }),
      conversation: conversationView({ entries: conversation, reference: entity.reference, copy, dates }),
      // Folded while it holds only our own e-mails: a reply from the requester opens it.
      conversationOpen: conversation.some((entry) => entry.direction === 'in'),
      preservation: preservationView({ rows: await this.preservation.listFor(entity.id), systemName, copy, dates }),
      plan: casePlanView({
        plan: await this.plans.planOf(entity),
        copy: PLAN_COPY[copy === STAFF_COPY.en ? 'en' : 'nb'],
        mayDecide: worker && open,
        dates,
        systemName,
        postedItemId: form.planItemId,
        values: values.plan ?? {},
        errors: form.errors?.plan ?? {},
      }),
      rejectionCodes: REJECTION_CODES.map((code) => ({ value: code, label: copy.rejection[code], selected: values.reject?.reasonCode === code })),
      values,
      errors: form.errors ?? {},
      formProblem: form.taskId ? undefined : form.formProblem,
    };
  }
}

/** A task's outcome summary as staff read it: the engine's own waiting text and a connector's
 *  translated summary in the reader's language, an owner's summary as written (not repeated when
 *  it is the error). */
export function outcomeText(task: { outcome?: Record<string, unknown> | null; error?: string | null }, language: Language): string {
  const summary = task.outcome?.summary;
  if (typeof summary !== 'string' || summary === task.error) return '';
  // A waiting task stored before its summary had each language is recognised by the English.
  const owner = task.outcome?.owner;
  const waiting = typeof owner === 'string' ? manualWaitingText(owner) : null;
  return waiting && summary === waiting.en ? waiting[language] : (summaryIn(task.outcome, language) ?? summary);
}

/** What a `retained` outcome kept, on which basis and until when (as recorded; nothing else). */
function retainedOf(outcome: Record<string, unknown> | null | undefined): Array<{ records: string; basis: string; until: string }> {
  const list = outcome?.retained;
  if (!Array.isArray(list)) return [];
  return list
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({ records: String(item.records ?? ''), basis: String(item.basis ?? ''), until: String(item.until ?? '') }));
}

/** The few facts of an event worth a line (reasons, methods, outcomes); never the raw payload. */
function describe(data: Record<string, unknown>, copy: StaffCopy, language: Language, systemName: (id: string) => string): string {
  const parts: string[] = [];
  // The engine's own values in the reader's words: a method it recorded, a task status, a system by its name.
  const words: Record<string, (value: string) => string> = {
    method: (value) => methodWords(value, language),
    status: (value) => (copy.task as Record<string, string>)[value] ?? value,
    system: systemName,
    extendedDue: (value) => humanDate(value, language),
  };
  // `merged` / `into`: the other reference of a merge.
  for (const key of ['method', 'reason', 'text', 'grounds', 'decision', 'extendedDue', 'system', 'status', 'summary', 'warning', 'merged', 'into']) {
    const value = data[key];
    if (typeof value === 'string' && value) parts.push(words[key] ? words[key](value) : value);
  }
  if (typeof data.reasonCode === 'string') parts.unshift(copy.rejection[data.reasonCode as keyof StaffCopy['rejection']] ?? data.reasonCode);
  return parts.join(' – ');
}
