import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '../../audit/audit.service';
import { CasesReader } from '../../cases/cases-reader';
import { isUuid } from '../../cases/dto/list-cases.query';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock';
import { notFound } from '../../common/domain-error';
import { ConversationService } from '../../replies/conversation.service';
import { StaffPageFilter } from './pages/staff-page.filter';

/** A requester's reply attachment, for handlers and admins (each download audited). Always served
 *  as an attachment of a neutral type with nosniff, so a file the sender called HTML never renders
 *  in the staff origin. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/cases/:reference/replies')
export class StaffReplyFilesController {
  constructor(
    private readonly conversation: ConversationService,
    private readonly cases: CasesReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get('files/:fileId')
  @Roles(...CASE_WORKERS)
  async file(@Param('reference') reference: string, @Param('fileId') fileId: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const entity = await this.cases.byReference(reference);
    if (!entity || !isUuid(fileId)) throw notFound('Attachment');
    const file = await this.conversation.openFile(entity.id, fileId);
    await this.audit.record({ caseId: entity.id, type: 'reply.file_downloaded', actor: staffActor(staff), occurredAt: this.clock.now(), data: { fileId } });
    response.setHeader('Content-Type', 'application/octet-stream');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    response.setHeader('Cache-Control', 'no-store');
    response.send(file.bytes);
  }
}
