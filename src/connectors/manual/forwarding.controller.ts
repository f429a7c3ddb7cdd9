import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { toTaskJson } from '../tasks/task-json';
import { ForwardingChoiceService } from './forwarding-choice.service';

export class ProcessorForwardDto {
  @ApiProperty({ example: 'shop-b', description: "The id of one of the processor system's controllers (data map `controllers[].id`)." })
  // Checked against the data map in the service, which names the allowed ids.
  @IsOptional()
  controllerId?: unknown;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class ForwardingController {
  constructor(private readonly choice: ForwardingChoiceService) {}

  @Post(':reference/processor-forwards/:systemId')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: "Forward the request to the controller a handler picked among a processor system's controllers" })
  async forward(
    @Param('reference') reference: string,
    @Param('systemId') systemId: string,
    @Body() body: ProcessorForwardDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const { task } = await this.choice.choose(reference, systemId, body.controllerId, staffActor(staff));
    return toTaskJson(task);
  }
}
