import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { STAFF_DIRECTORY, type HandlerRecipient, type StaffDirectory } from '../common/auth/staff-directory';
import type { StaffRole } from '../common/auth/staff-roles';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Language } from '../common/case-types';
import { handlerRecipient, staffLanguageOf } from './handler-recipient';

/** The staff module's answer to "who is this staff user", for modules that may not import staff. */
@Injectable()
export class StaffDirectoryService implements StaffDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async activeRole(userId: string, manager?: EntityManager): Promise<StaffRole | null> {
    const [user] = (await (manager ?? this.dataSource.manager).query('SELECT role, active FROM staff_users WHERE id = $1', [userId])) as Array<{
      role: StaffRole;
      active: boolean;
    }>;
    return user && user.active ? user.role : null;
  }

  handlerRecipient(assigneeId: string | null): Promise<HandlerRecipient> {
    return handlerRecipient(this.dataSource, this.config, assigneeId);
  }

  languageOf(address: string, manager?: EntityManager): Promise<Language> {
    return staffLanguageOf(manager ?? this.dataSource.manager, address);
  }
}

/** Global, so that `STAFF_DIRECTORY` can be injected where importing the staff module would point
 *  the wrong way (cases). Imported once, by StaffModule. */
@Global()
@Module({
  providers: [StaffDirectoryService, { provide: STAFF_DIRECTORY, useExisting: StaffDirectoryService }],
  exports: [STAFF_DIRECTORY],
})
export class StaffDirectoryModule {}
