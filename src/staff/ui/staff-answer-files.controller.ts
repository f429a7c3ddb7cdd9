import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { isUuid } from '../../cases/dto/list-cases.query';
import { notFound } from '../../common/domain-error';
import { StaffAnswerFilesService } from '../../responses/download/staff-answer-files.service';
import { ExtensionLetterService } from '../../responses/letters/extension-letter.service';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffPageFilter } from './pages/staff-page.filter';

/** Downloads for printing and posting an answer (handlers and admins; each one audited). */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/cases/:reference/answer')
export class StaffAnswerFilesController {
  constructor(
    private readonly files: StaffAnswerFilesService,
    private readonly extensionLetters: ExtensionLetterService,
  ) {}

  @Get('letters/:letterId/:format')
  @Roles(...CASE_WORKERS)
  async letter(
    @Param('reference') reference: string,
    @Param('letterId') letterId: string,
    @Param('format') format: string,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (!isUuid(letterId) || !['html', 'pdf'].includes(format)) throw notFound('Letter');
    const file = await this.files.letter(reference, letterId, format as 'html' | 'pdf', staffActor(staff));
    send(response, file.body, file.contentType, file.filename);
  }

  /** The extension notice to print and post (a case without e-mail); posting it is a form on the case page. */
  @Get('extension-letter.pdf')
  @Roles(...CASE_WORKERS)
  async extensionLetter(@Param('reference') reference: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const file = await this.extensionLetters.pdf(reference, staffActor(staff));
    send(response, file.body, 'application/pdf', file.filename);
  }

  @Get('package.zip')
  @Roles(...CASE_WORKERS)
  async package(@Param('reference') reference: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const file = await this.files.package(reference, staffActor(staff));
    send(response, file.body, 'application/zip', file.filename);
  }
}

function send(response: Response, body: Buffer | string, contentType: string, filename: string): void {
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.setHeader('Cache-Control', 'no-store');
  response.send(body);
}
