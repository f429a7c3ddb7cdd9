import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CaseIdentifiersService } from '../../cases/case-identifiers.service';
import { CasesService } from '../../cases/cases.service';
import { REJECTION_CODES } from '../../common/case-types';
import { isUuid } from '../../cases/dto/list-cases.query';
import { DomainError, notFound } from '../../common/domain-error';
import { RecordDecisionsService, REASON_MAX } from '../../connectors/records/record-decisions.service';
import { TaskCommandsService } from '../../connectors/tasks/task-commands.service';
import { DeadlineService } from '../../deadlines/deadline.service';
import { AnswerService } from '../../responses/answer.service';
import { DownloadService } from '../../responses/download/download.service';
import { RestrictionLiftingService } from '../../responses/restriction/restriction-lifting.service';
import { RecipientTasksService } from '../../responses/notices/recipient-tasks.service';
import { sendDocument } from '../../representation/representation.controller';
import { RepresentationService } from '../../representation/representation.service';
import { CASE_READERS, CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffUsersService } from '../users/staff-users.service';
import { CasePagePresenter, type CaseFormState } from './case-page.presenter';
import { FormCheck } from './form-rules';
import { refusalText } from './refusal-text';
import { fill, type StaffCopy } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { CsrfRejected, StaffCsrf, StaffCsrfGuard } from './session/staff-csrf';
import { HandoverUploadInterceptor, handoverUploadOf } from '../../connectors/manual/handover/handover-upload';
import { forForm, readOutcomeForm } from './outcome-form';
import { StaffBadge } from './staff-badge';
import { StaffTasksPage } from './staff-tasks.page';
import { ForwardingChoiceService } from '../../connectors/manual/forwarding-choice.service';
import { processorForwardForm } from './processor-forwards.view';
import { PlanReviewService } from '../../connectors/plan/plan-review.service';
import { PLAN_COPY } from './pages/plan-copy';
import { readPlanForm } from './plan-form';
import { CASE_REFERENCE_PATTERN } from '../../cases/case-reference';
import { MERGE_COPY } from './pages/merge-copy';

type DoneKey = keyof StaffCopy['done'];

/** The case page and its actions. Each action is a POST form calling the same services as the
 *  REST API; bad input re-shows the page with the input kept and the fields marked, and an
 *  action the case's state no longer allows (someone else moved it) says so with a 409 page. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/cases')
export class StaffCaseController {
  constructor(
    private readonly cases: CasesService,
    private readonly tasks: TaskCommandsService,
    private readonly users: StaffUsersService,
    private readonly presenter: CasePagePresenter,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
    private readonly tasksPage: StaffTasksPage,
    private readonly answers: AnswerService,
    private readonly downloads: DownloadService,
    private readonly deadlines: DeadlineService,
    private readonly liftings: RestrictionLiftingService,
    private readonly recordDecisions: RecordDecisionsService,
    private readonly identifiers: CaseIdentifiersService,
    private readonly representations: RepresentationService,
    private readonly recipientTasks: RecipientTasksService,
    private readonly csrf: StaffCsrf,
    private readonly forwards: ForwardingChoiceService,
    private readonly plans: PlanReviewService,
  ) {}

  @Get(':reference')
  @Roles(...CASE_READERS)
  async show(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const copy = this.pages.copy(request);
    const entity = await this.cases.findByReference(reference);
    const survivor = entity.mergedIntoId ? await this.cases.findById(entity.mergedIntoId) : null;
    if (survivor) {
      // A merged case's reference leads to the case that answers for both.
      response.redirect(303, `/staff/cases/${encodeURIComponent(survivor.reference)}?mergedFrom=${encodeURIComponent(entity.reference)}`);
      return;
    }
    const done = typeof request.query.done === 'string' && request.query.done in copy.done ? copy.done[request.query.done as DoneKey] : undefined;
    await this.render(request, response, staff, reference, 200, {}, done ?? (await this.mergedNotice(request, entity)));
  }

  @Post(':reference/assign')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async assign(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const userId = check.raw('userId');
    if (userId && !(isUuid(userId) && (await this.users.assignable()).some((user) => user.id === userId))) {
      check.fail('userId', this.pages.copy(request).errors.choose);
    }
    await this.act(request, response, staff, reference, 'assign', check, 'assigned', () => this.cases.assign(reference, userId || null, staffActor(staff)));
  }

  @Post(':reference/verify')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async verify(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const method = check.text('method', 2, 100);
    await this.act(request, response, staff, reference, 'verify', check, 'verified', () =>
      this.cases.verify(reference, method, staffActor(staff), { kind: 'staff' }),
    );
  }

  /** A claimed identifier confirmed after a check outside the engine; how and why are audited. */
  @Post(':reference/identifiers/:identifierId/confirm')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async confirmIdentifier(
    @Param('reference') reference: string,
    @Param('identifierId') identifierId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const check = this.check(request);
    const method = check.text('method', 2, 200);
    const reason = check.text('reason', 2, 500);
    if (!isUuid(identifierId)) throw notFound(`Identifier ${identifierId}`);
    await this.act(
      request,
      response,
      staff,
      reference,
      'identifier',
      check,
      'identifierConfirmed',
      () => this.identifiers.confirm(reference, identifierId, { method, reason }, staffActor(staff)),
      { identifierId },
    );
  }

  @Post(':reference/approve')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async approve(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    await this.act(request, response, staff, reference, 'approve', this.check(request), 'approved', () => this.cases.approve(reference, staffActor(staff)));
  }

  /** Asking the requester for information is always possible; it pauses the clock only when DEADLINE_PAUSE allows. */
  @Post(':reference/request-information')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async requestInformation(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const message = check.text('message', 5, 2000);
    await this.act(request, response, staff, reference, 'requestInformation', check, 'informationRequested', () =>
      this.cases.requestInformation(reference, message, staffActor(staff)),
    );
  }

  @Post(':reference/resume')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async resume(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    await this.act(request, response, staff, reference, 'resume', this.check(request), 'resumed', () => this.cases.resume(reference, staffActor(staff)));
  }

  @Post(':reference/extend')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async extend(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const reason = check.text('reason', 5, 2000);
    await this.act(request, response, staff, reference, 'extend', check, 'extended', () => this.cases.extend(reference, reason, staffActor(staff)));
  }

  /** A case without e-mail: the extension letter was posted, so the requester counts as told. */
  @Post(':reference/extension-letter/posted')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async extensionLetterPosted(
    @Param('reference') reference: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const check = this.check(request);
    await this.act(request, response, staff, reference, 'extensionPosted', check, 'extensionPosted', () =>
      this.cases.extensionLetterPosted(reference, staffActor(staff)),
    );
  }

  @Post(':reference/reject')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async reject(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const code = check.oneOf('reasonCode', REJECTION_CODES);
    const reason = check.text('reason', 5, 2000);
    await this.act(request, response, staff, reference, 'reject', check, 'rejected', () => this.cases.reject(reference, code!, reason, staffActor(staff)));
  }

  @Post(':reference/authority/accept')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async acceptAuthority(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const reason = check.text('reason', 5, 2000);
    const coversAnswer = check.raw('coversAnswer') === 'yes';
    await this.act(request, response, staff, reference, 'authorityAccept', check, 'authorityAccepted', () =>
      this.representations.accept(reference, reason, coversAnswer, staffActor(staff)),
    );
  }

  @Post(':reference/authority/reject')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async rejectAuthority(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const reason = check.text('reason', 5, 2000);
    await this.act(request, response, staff, reference, 'authorityReject', check, 'authorityRejected', () =>
      this.representations.reject(reference, reason, staffActor(staff)),
    );
  }

  /** The authority document, decrypted, as a download (audited). */
  @Get(':reference/authority/document')
  @Roles(...CASE_WORKERS)
  async authorityDocument(@Param('reference') reference: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    sendDocument(response, await this.representations.document(reference, staffActor(staff)));
  }

  /** "Possibly excessive" is a flag for a person to decide on; the engine never refuses by itself. */
  @Post(':reference/flag')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async flag(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const flagged = check.raw('flagged') !== 'false';
    const reason = check.text('reason', 5, 2000);
    await this.act(request, response, staff, reference, 'flag', check, 'flagged', () =>
      this.cases.flagExcessive(reference, flagged, reason, staffActor(staff)),
    );
  }

  @Post(':reference/notes')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async note(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const text = check.text('text', 1, 5000);
    await this.act(request, response, staff, reference, 'note', check, 'noted', () => this.cases.addNote(reference, text, staffActor(staff)));
  }

  @Post(':reference/complete')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async complete(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    await this.act(request, response, staff, reference, 'complete', this.check(request), 'completed', () => this.cases.complete(reference, staffActor(staff)));
  }

  /** Art 19: a recipient without an e-mail contact was told by other means; staff say how. */
  @Post(':reference/recipient-tasks/:recipientTaskId/done')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async recipientTold(
    @Param('reference') reference: string,
    @Param('recipientTaskId') recipientTaskId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    await this.settleRecipient(request, response, staff, reference, recipientTaskId, 'done');
  }

  /** Art 19: telling a recipient is waived; staff say why (e.g. it never received this person's data). */
  @Post(':reference/recipient-tasks/:recipientTaskId/waive')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async recipientWaived(
    @Param('reference') reference: string,
    @Param('recipientTaskId') recipientTaskId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    await this.settleRecipient(request, response, staff, reference, recipientTaskId, 'waived');
  }

  /** The answer letter's subject and text, kept as a draft that goes out on completion. */
  @Post(':reference/letter')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async letter(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const subject = check.text('subject', 1, 300);
    const text = check.text('text', 1, 50_000);
    await this.act(request, response, staff, reference, 'letter', check, 'letterSaved', () =>
      this.answers.saveDraft(reference, { subject, text }, staffActor(staff)),
    );
  }

  /** Lifts the lock three wrong download codes put on the answer; the requester asks for a new code. */
  @Post(':reference/answer/unlock')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async unlock(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    await this.act(request, response, staff, reference, 'unlock', this.check(request), 'unlocked', () => this.downloads.unlock(reference, staffActor(staff)));
  }

  /** The reject form's preview of the refusal letter (reasons as typed), and saving its edit:
   *  the edited refusal is what goes out when the case is rejected. */
  @Post(':reference/refusal-letter')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async refusalLetter(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const code = check.oneOf('reasonCode', REJECTION_CODES);
    const reason = check.text('reason', 5, 2000);
    if (!check.ok) {
      await this.render(request, response, staff, reference, 400, {
        values: { reject: check.values },
        errors: { reject: check.errors },
        formProblem: this.pages.copy(request).fieldErrors,
      });
      return;
    }
    const reasons = { code: code!, reason };
    const saving = check.raw('subject') !== '' || check.raw('text') !== '';
    if (!saving) {
      const preview = await this.answers.preview(reference, reasons);
      await this.render(request, response, staff, reference, 200, {
        values: { reject: check.values },
        refusal: { reasonCode: code!, reason, subject: preview.subject, text: preview.text, edited: preview.edited },
      });
      return;
    }
    const edit = new FormCheck(request.body, this.pages.copy(request));
    const subject = edit.text('subject', 1, 300);
    const text = edit.text('text', 1, 50_000);
    let problem = edit.ok ? null : { errors: edit.errors, message: this.pages.copy(request).fieldErrors };
    if (!problem) {
      try {
        await this.answers.saveDraft(reference, { subject, text }, staffActor(staff), reasons);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'invalid') throw error;
        problem = { errors: Object.fromEntries((error.details ?? []).map((detail) => [detail.field, detail.problem])), message: error.message };
      }
    }
    if (problem) {
      const refusal = { reasonCode: code!, reason, subject, text, edited: true };
      await this.render(request, response, staff, reference, 400, {
        values: { reject: check.values },
        errors: { refusal: problem.errors },
        formProblem: problem.message,
        refusal,
      });
      return;
    }
    response.redirect(303, `/staff/cases/${encodeURIComponent(reference.toUpperCase())}?done=refusalSaved`);
  }

  /** Art 18(3): the requester is told (with the reasons) before the restriction is lifted. */
  @Post(':reference/lift-restriction')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async liftRestriction(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const reason = check.text('reason', 5, 2000);
    await this.act(request, response, staff, reference, 'lift', check, 'liftRequested', () => this.liftings.requestLift(reference, reason, staffActor(staff)));
  }

  /** The person objected during the notice period: the lifting is called off, the restriction stays. */
  @Post(':reference/lift-restriction/cancel')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async cancelLifting(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const reason = check.text('reason', 5, 2000);
    await this.act(request, response, staff, reference, 'cancelLift', check, 'liftCancelled', () => this.liftings.cancel(reference, reason, staffActor(staff)));
  }

  /** Art 21(1): a person documents whether compelling grounds override an objection. */
  @Post(':reference/objection-decision')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async objection(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const check = this.check(request);
    const decision = check.oneOf('decision', ['stop', 'compelling_grounds'] as const);
    const grounds = check.text('grounds', 5, 4000);
    await this.act(request, response, staff, reference, 'objection', check, 'objection', () =>
      this.tasks.decideObjection(reference, decision!, grounds, staff),
    );
  }

  /** A processor system serving several controllers: the handler picks the one the request goes to. */
  @Post(':reference/processor-forwards/:systemId')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async processorForward(
    @Param('reference') reference: string,
    @Param('systemId') systemId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const check = this.check(request);
    const controllerId = check.raw('controllerId');
    await this.act(request, response, staff, reference, processorForwardForm(systemId), check, 'forwarded', () =>
      this.forwards.choose(reference, systemId, controllerId, staffActor(staff)),
    );
  }

  /** A handler's decision on a possible match: confirm (it is the requester's) or reject, with a reason. */
  @Post(':reference/records/:recordId/decide')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async decideRecord(
    @Param('reference') reference: string,
    @Param('recordId') recordId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (!isUuid(recordId)) throw notFound('Record');
    const check = this.check(request);
    const decision = check.oneOf('decision', ['confirm', 'reject'] as const);
    const reason = check.text('reason', 1, REASON_MAX);
    await this.act(request, response, staff, reference, `record-${recordId}`, check, decision === 'confirm' ? 'recordConfirmed' : 'recordRejected', () =>
      this.recordDecisions.decide(reference, recordId, decision!, reason, staffActor(staff)),
    );
  }

  @Post(':reference/records/search')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async searchRecords(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    await this.act(request, response, staff, reference, 'records', this.check(request), 'recordsSearched', () =>
      this.recordDecisions.searchAgain(reference, staffActor(staff)),
    );
  }

  @Post(':reference/tasks/:taskId/retry')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async retry(
    @Param('reference') reference: string,
    @Param('taskId') taskId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (!isUuid(taskId)) throw notFound('Task');
    await this.act(request, response, staff, reference, 'retry', this.check(request), 'retried', () => this.tasks.retry(reference, taskId, staff));
  }

  /** A manual task's outcome: a system owner from their task page (only for systems they own —
   *  TaskCommandsService checks), a handler from the case page. Posted as multipart/form-data
   *  when it hands data over (files, pasted CSV, the Art 15(4) note), urlencoded otherwise. */
  @Post(':reference/tasks/:taskId/outcome')
  @Roles('admin', 'handler', 'owner')
  @UseInterceptors(HandoverUploadInterceptor)
  async outcome(
    @Param('reference') reference: string,
    @Param('taskId') taskId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    // A multipart body is read by the interceptor, which runs after guards: its token is checked here.
    if (!this.csrf.valid(request)) throw new CsrfRejected();
    if (!isUuid(taskId)) throw notFound('Task');
    const copy = this.pages.copy(request);
    const check = this.check(request);
    const upload = handoverUploadOf(request);
    const input = readOutcomeForm(check, request.body as Record<string, unknown>, upload.files, this.deadlines.today(), copy);
    // Every problem reading the body is about the upload: shown beside the file field.
    if (upload.problem) check.fail('files', `${upload.problem.field}: ${upload.problem.problem}`);
    // A browser never sends files back into a form shown again: say so beside the file field.
    if (upload.files.length) check.values.filesSent = String(upload.files.length);
    const record = async () => {
      try {
        await this.tasks.recordOutcome(reference, taskId, input, staff);
      } catch (error) {
        throw forForm(error, check.values.kind);
      }
    };
    const fromTasks = check.raw('from') === 'tasks' || staff.role === 'owner';
    if (!fromTasks) {
      await this.act(request, response, staff, reference, 'outcome', check, 'outcome', record, { taskId });
      return;
    }
    if (!check.ok) {
      await this.tasksPage.send(request, response, staff, 400, { taskId, values: check.values, errors: check.errors, problem: copy.fieldErrors });
      return;
    }
    try {
      await record();
    } catch (error) {
      if (!(error instanceof DomainError) || !['conflict', 'invalid'].includes(error.code)) throw error;
      const errors = Object.fromEntries((error.details ?? []).map((detail) => [detail.field, detail.problem]));
      const problem =
        error.code === 'conflict' ? fill(copy.stale, { message: refusalText(error, copy) }) : error.details?.length ? copy.fieldErrors : error.message;
      await this.tasksPage.send(request, response, staff, error.code === 'conflict' ? 409 : 400, { taskId, values: check.values, errors, problem });
      return;
    }
    response.redirect(303, '/staff/tasks?done=outcome');
  }

  /** The plan: keep a record with its basis, or change what is done to it; a changed plan needs a new approval. */
  @Post(':reference/plan/items/:planItemId')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async planDecide(
    @Param('reference') reference: string,
    @Param('planItemId') planItemId: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (!isUuid(planItemId)) throw notFound('Plan item');
    const check = this.check(request);
    const body = readPlanForm(check, PLAN_COPY[this.pages.language(request)]);
    await this.act(request, response, staff, reference, 'plan', check, 'planDecided', () => this.plans.decide(reference, planItemId, body, staffActor(staff)), {
      planItemId,
    });
  }

  private async settleRecipient(
    request: Request,
    response: Response,
    staff: StaffPrincipal,
    reference: string,
    recipientTaskId: string,
    status: 'done' | 'waived',
  ): Promise<void> {
    if (!isUuid(recipientTaskId)) throw notFound('Recipient task');
    const check = this.check(request);
    const note = status === 'done' ? check.text('how', 5, 2000) : check.text('reason', 5, 2000);
    const [form, done] = status === 'done' ? (['recipientDone', 'recipientTold'] as const) : (['recipientWaive', 'recipientWaived'] as const);
    await this.act(
      request,
      response,
      staff,
      reference,
      form,
      check,
      done,
      () => this.recipientTasks.settle(reference, recipientTaskId, status, note, staffActor(staff)),
      {
        recipientTaskId,
      },
    );
  }

  /** Arriving from a merged case's reference: say so, when that case really was merged into this one. */
  private async mergedNotice(request: Request, entity: { id: string }): Promise<string | undefined> {
    const from = typeof request.query.mergedFrom === 'string' ? request.query.mergedFrom : '';
    if (!CASE_REFERENCE_PATTERN.test(from)) return undefined;
    const merged = await this.cases.findByReference(from).catch(() => null);
    return merged?.mergedIntoId === entity.id ? fill(MERGE_COPY[this.pages.language(request)].mergedFrom, { reference: merged.reference }) : undefined;
  }

  private check(request: Request): FormCheck {
    return new FormCheck(request.body, this.pages.copy(request));
  }

  /** Runs an action and answers with the page a person expects: back to the case with a notice,
   *  or the case again with the problem explained. */
  private async act(
    request: Request,
    response: Response,
    staff: StaffPrincipal,
    reference: string,
    form: string,
    check: FormCheck,
    done: DoneKey,
    run: () => Promise<unknown>,
    /** Which task's or identifier's form the values belong to, when the page has one per item. */
    target: Pick<CaseFormState, 'taskId' | 'identifierId' | 'recipientTaskId' | 'planItemId'> = {},
  ): Promise<void> {
    const copy = this.pages.copy(request);
    if (!check.ok) {
      await this.render(request, response, staff, reference, 400, {
        values: { [form]: check.values },
        errors: { [form]: check.errors },
        formProblem: copy.fieldErrors,
        ...target,
      });
      return;
    }
    try {
      await run();
    } catch (error) {
      if (!(error instanceof DomainError) || !['conflict', 'invalid'].includes(error.code)) throw error;
      const status = error.code === 'conflict' ? 409 : 400;
      const errors = Object.fromEntries((error.details ?? []).map((detail) => [detail.field, detail.problem]));
      await this.render(request, response, staff, reference, status, {
        values: { [form]: check.values },
        errors: { [form]: errors },
        formProblem:
          error.code === 'conflict' ? fill(copy.stale, { message: refusalText(error, copy) }) : error.details?.length ? copy.fieldErrors : error.message,
        ...target,
      });
      return;
    }
    const entity = await this.cases.findByReference(reference);
    // An extension of a case without e-mail is told by a posted letter, not at once.
    const said: DoneKey = done === 'extended' && entity.extendedDue && !entity.extensionNotifiedAt ? 'extendedToPost' : done;
    response.redirect(303, `/staff/cases/${encodeURIComponent(entity.reference)}?done=${said}`);
  }

  private async render(
    request: Request,
    response: Response,
    staff: StaffPrincipal,
    reference: string,
    status: number,
    form: CaseFormState,
    notice?: string,
  ): Promise<void> {
    const copy = this.pages.copy(request);
    const entity = await this.cases.findByReference(reference);
    const [data, badge] = await Promise.all([this.presenter.present(entity, staff, copy, form), this.badge.count(staff)]);
    this.pages.send(request, response, status, 'case', {
      title: entity.reference,
      active: 'queue',
      notice,
      problem: status === 409 ? form.formProblem : undefined,
      badge,
      data,
      // Only the plain page reloads itself: a form shown back with its input would lose it.
      refreshSeconds: status === 200 ? data.refreshSeconds : undefined,
    });
  }
}
