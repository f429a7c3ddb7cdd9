import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { DeadlineService } from './deadline.service';
import { DeadlinePreviewQuery } from './deadline-preview.query';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1/deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlineService) {}

  @Get()
  @Roles('admin', 'handler', 'auditor', 'owner')
  @ApiOperation({ summary: '"When must we reply?" for a request received on a given day (any date)' })
  preview(@Query() query: DeadlinePreviewQuery) {
    const due = this.deadlines.preview(query.receivedAt, query.extended === true);
    const extension = this.deadlines.policy.checkExtension({
      receivedOn: query.receivedAt,
      today: query.receivedAt,
      alreadyExtended: false,
    });
    return {
      receivedOn: query.receivedAt,
      statutory: due.statutory,
      promise: due.promise,
      effective: due.effective,
      sendBy: due.sendBy,
      extended: due.extended,
      ...(query.extended && extension.allowed && extension.warning ? { warning: extension.warning } : {}),
    };
  }
}
