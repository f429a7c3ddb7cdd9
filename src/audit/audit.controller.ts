import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_READERS, Roles } from '../common/auth/roles.decorator';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles(...AUDIT_READERS)
  @ApiOperation({ summary: 'Re-computes the whole hash chain; reports the first broken link' })
  verify() {
    return this.audit.verify();
  }
}
