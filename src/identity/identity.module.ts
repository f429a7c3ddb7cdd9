import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityService } from './identity.service';

/** The identity model of cases: identifiers and how each was established. Knows nothing of cases'
 *  state or of connectors, so both can build on it. */
@Module({
  imports: [AuditModule],
  providers: [IdentityService],
  exports: [IdentityService],
})
export class IdentityModule {}
