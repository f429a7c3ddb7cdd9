import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { toCaseJson } from '../cases/case-json';
import { ReasonDto } from '../cases/dto/case-actions.dto';
import { CaseTasksReader } from '../cases/case-tasks-reader';
import type { CaseEntity } from '../cases/case.entity';
import { CASE_WORKERS, Roles } from '../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../common/auth/staff-principal';
import { representationJson } from './representation-json';
import { RepresentationService } from './representation.service';

export class AcceptAuthorityDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'Whether the authority covers receiving the answer; left out, what the representative said stands' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  coversAnswer?: boolean;
}

/** Staff decide on the authority of a request made on someone else's behalf, and read its document. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference/authority')
export class RepresentationController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly representations: RepresentationService,
    private readonly tasks: CaseTasksReader,
  ) {}

  @Post('accept')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Accept the authority: the case may run, and the identifiers typed for the person the data is about become staff-confirmed' })
  async accept(@Param('reference') reference: string, @Body() body: AcceptAuthorityDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.representations.accept(reference, body.reason, body.coversAnswer, staffActor(staff)));
  }

  @Post('reject')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Refuse the authority: the case is rejected (authority_not_accepted) and the representative gets the refusal letter' })
  async reject(@Param('reference') reference: string, @Body() body: ReasonDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.representations.reject(reference, body.reason, staffActor(staff)));
  }

  @Get('document')
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'The authority document, decrypted (audited)' })
  async document(@Param('reference') reference: string, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    sendDocument(response, await this.representations.document(reference, staffActor(staff)));
  }

  private async answer(entity: CaseEntity): Promise<ReturnType<typeof toCaseJson> & { representation: unknown }> {
    return { ...toCaseJson(entity, await this.tasks.tasksFor(entity.id)), representation: await representationJson(this.dataSource.manager, entity.id) };
  }
}

/** Sends the document as a download, never rendered inline (a handler's browser must not run it). */
export function sendDocument(response: Response, file: { bytes: Buffer; type: string; filename: string }): void {
  response.setHeader('Content-Type', file.type);
  response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.send(file.bytes);
}
