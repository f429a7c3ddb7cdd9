import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { LANGUAGES, type Language } from '../../common/case-types';
import { DomainError, notFound } from '../../common/domain-error';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffUserEntity } from '../staff-user.entity';

/** Whether a form or API value is one of the staff languages. */
export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** A staff member's language setting: set by themselves (/staff/account) or by an admin (/staff/users). */
@Injectable()
export class StaffLanguageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async languageOf(userId: string): Promise<Language> {
    const user = await this.dataSource.getRepository(StaffUserEntity).findOne({ where: { id: userId }, select: { id: true, language: true } });
    return user?.language === 'en' ? 'en' : 'nb';
  }

  /** Saves `language` for `userId`; audited (ids and the language only). Unchanged → nothing recorded. */
  async setLanguage(userId: string, language: unknown, by: StaffPrincipal): Promise<Language> {
    if (!isLanguage(language)) throw new DomainError('invalid', 'language must be nb or en', [{ field: 'language', problem: 'choose' }]);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(StaffUserEntity, { where: { id: userId }, select: { id: true, language: true } });
      if (!user) throw notFound('User');
      if (user.language === language) return;
      await manager.update(StaffUserEntity, { id: userId }, { language });
      await this.audit.append(manager, {
        type: 'staff.language_changed',
        actor: staffActor(by),
        occurredAt: this.clock.now(),
        data: { userId, language },
      });
    });
    return language;
  }
}
