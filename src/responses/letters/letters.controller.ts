import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { REJECTION_CODES, type RejectionCode } from '../../common/case-types';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { AnswerService, type RefusalFacts } from '../answer.service';

/** Which letter: the answer (default), or the refusal with the reasons it will give. */
export class LetterChoiceDto {
  @IsOptional()
  @IsIn(['answer', 'refusal'])
  kind?: 'answer' | 'refusal';

  @ValidateIf((body: LetterChoiceDto) => body.kind === 'refusal')
  @IsIn(REJECTION_CODES.filter((code) => code !== 'unverified'))
  reasonCode?: RejectionCode;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class EditLetterDto extends LetterChoiceDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  subject?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  text?: string;
}

/** The answer letter before it goes out: assembled from the outcomes, editable by the handler. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference/letter')
export class LettersController {
  constructor(private readonly answers: AnswerService) {}

  @Get()
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: 'The answer letter as it would be sent now (the edited draft if there is one); kind=refusal&reasonCode=&reason= previews the refusal letter',
  })
  preview(@Param('reference') reference: string, @Query() query: LetterChoiceDto) {
    return this.answers.preview(reference, refusalOf(query));
  }

  @Post()
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary:
      'Store an edited subject and/or text; the answer is sent on completion, the refusal (kind=refusal) on rejection. The remedies and links must stay (400).',
  })
  edit(@Param('reference') reference: string, @Body() body: EditLetterDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answers.saveDraft(reference, { subject: body.subject, text: body.text }, staffActor(staff), refusalOf(body));
  }
}

function refusalOf(choice: LetterChoiceDto): RefusalFacts | undefined {
  return choice.kind === 'refusal' ? { code: choice.reasonCode!, reason: choice.reason ?? '' } : undefined;
}
