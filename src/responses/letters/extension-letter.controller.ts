import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASE_READERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { ExtensionLetterService } from './extension-letter.service';

/** The extension notice as a letter to post, for a case whose requester has no e-mail address. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference')
export class ExtensionLetterController {
  constructor(private readonly letters: ExtensionLetterService) {}

  @Get('extension-letter.pdf')
  @Roles(...CASE_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'The Art 12(3) extension notice laid out for posting (letterhead, postal address block, reason, new deadline), dated the day of the extension. Audited; record the posting with POST extension-letter/posted.',
  })
  async pdf(@Param('reference') reference: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const file = await this.letters.pdf(reference, staffActor(staff));
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.send(file.body);
  }
}
