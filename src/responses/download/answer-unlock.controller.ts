import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { DownloadService } from './download.service';

/** Staff side of the secure download: lifting the lock three wrong codes put on it. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference/answer')
export class AnswerUnlockController {
  constructor(private readonly downloads: DownloadService) {}

  @Post('unlock')
  @HttpCode(200)
  @Roles('admin', 'handler')
  @ApiOperation({ summary: 'Unlock a download locked after three wrong codes; the requester then asks for a new code (409 unless locked)' })
  async unlock(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    const { packageId, unlockedAt } = await this.downloads.unlock(reference, staffActor(staff));
    return { packageId, locked: false, unlockedAt: unlockedAt.toISOString() };
  }
}
