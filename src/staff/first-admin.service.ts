import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PasswordHasher } from './auth/password-hasher';
import { StaffUserEntity } from './staff-user.entity';

/** What the first start did about the first admin; a generated password goes to the start-up
 *  banner once and is never stored or logged. */
export type FirstAdminResult = { status: 'exists' } | { status: 'created'; email: string; generatedPassword?: string };

/** Creates the first admin when no staff user exists, so a fresh install can be signed into. */
@Injectable()
export class FirstAdminService {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async ensureFirstAdmin(): Promise<FirstAdminResult> {
    if ((await this.users.count()) > 0) return { status: 'exists' };
    const email = this.config.ADMIN_EMAIL.toLowerCase();
    const generated = !this.config.ADMIN_PASSWORD;
    const password = this.config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
    try {
      await this.users.insert({
        email,
        name: 'Administrator',
        role: 'admin',
        passwordHash: await this.hasher.hash(password),
        // A generated password has been in a log: it opens nothing but its own change.
        mustChangePassword: generated,
      });
    } catch (error) {
      // Another process starting at the same moment created it first.
      if ((error as { code?: string }).code === '23505') return { status: 'exists' };
      throw error;
    }
    this.logger.log(generated ? 'First admin created with a generated one-time password' : 'First admin created from ADMIN_EMAIL/ADMIN_PASSWORD');
    // The generated password is shown once, in the start-up banner; only its hash is stored.
    return { status: 'created', email, ...(generated ? { generatedPassword: password } : {}) };
  }
}
