import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASE_READERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { PostedLetterService } from './posted-letter.service';

/** The answer letter as a PDF to print and post (a case with no e-mail address answers by post). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference')
export class PostedLetterController {
  constructor(private readonly letters: PostedLetterService) {}

  @Get('letter.pdf')
  @Roles(...CASE_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'The answer letter laid out for posting: letterhead, the postal address block, date, reference, page numbers, no online-only links. The stored letter once the case is answered, else the letter as it would go out now. Audited.',
  })
  async pdf(@Param('reference') reference: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal) {
    const file = await this.letters.forCase(reference, staffActor(staff));
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.send(file.body);
  }
}
