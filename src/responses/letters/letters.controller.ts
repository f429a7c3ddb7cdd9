import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CASE_WORKERS, Roles } from '../../staff/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../staff/auth/staff-principal';
import { AnswerService } from '../answer.service';

export class EditLetterDto {
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
  @ApiOperation({ summary: 'The answer letter as it would be sent now (the edited draft if there is one)' })
  preview(@Param('reference') reference: string) {
    return this.answers.preview(reference);
  }

  @Post()
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Store an edited subject and/or text; sent when the case is completed' })
  edit(@Param('reference') reference: string, @Body() body: EditLetterDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answers.saveDraft(reference, body, staffActor(staff));
  }
}
