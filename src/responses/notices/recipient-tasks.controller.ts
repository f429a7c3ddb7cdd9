import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { isUuid } from '../../cases/dto/list-cases.query';
import { CASE_READERS, CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { notFound } from '../../common/domain-error';
import { RecipientTasksService } from './recipient-tasks.service';

export class RecipientToldDto {
  @ApiProperty({ example: 'Phoned their office on 4 December and sent the notice by post the same day.' })
  @IsString()
  @MinLength(5, { message: 'is required: say how the recipient was told' })
  @MaxLength(2000)
  how: string;
}

export class RecipientWaivedDto {
  @ApiProperty({ example: 'The carrier never received data about this customer: no shipments in the period.' })
  @IsString()
  @MinLength(5, { message: 'is required: give the reason in a sentence' })
  @MaxLength(2000)
  reason: string;
}

/** Art 19 recipients with no e-mail contact: staff tell them by other means, or waive it with a reason. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference/recipient-tasks')
export class RecipientTasksController {
  constructor(private readonly tasks: RecipientTasksService) {}

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'The recipients of changed systems that must be told by other means (Art 19), each open, done or waived' })
  async list(@Param('reference') reference: string) {
    return { items: await this.tasks.list(reference) };
  }

  @Post(':id/done')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Mark a recipient as told by other means, saying how (409 if already settled or the case is closed)' })
  done(@Param('reference') reference: string, @Param('id') id: string, @Body() body: RecipientToldDto, @CurrentStaff() staff: StaffPrincipal) {
    if (!isUuid(id)) throw notFound('Recipient task');
    return this.tasks.settle(reference, id, 'done', body.how, staffActor(staff));
  }

  @Post(':id/waive')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Waive telling a recipient, with the reason; the letter does not list it as told (409 if already settled or the case is closed)' })
  waive(@Param('reference') reference: string, @Param('id') id: string, @Body() body: RecipientWaivedDto, @CurrentStaff() staff: StaffPrincipal) {
    if (!isUuid(id)) throw notFound('Recipient task');
    return this.tasks.settle(reference, id, 'waived', body.reason, staffActor(staff));
  }
}
