import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './auth/password-hasher';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { TokenService } from './auth/token.service';
import { LoginRateLimit } from './auth/login-rate-limit';
import { FirstAdminService } from './first-admin.service';
import { StaffDirectoryModule } from './staff-directory.service';
import { StaffUserEntity } from './staff-user.entity';
import { SecondFactorCheck } from './second-factor/second-factor-check.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUserEntity]), StaffDirectoryModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    PasswordHasher,
    FirstAdminService,
    LoginRateLimit,
    SecondFactorCheck,
    StaffAuthGuard,
    { provide: APP_GUARD, useExisting: StaffAuthGuard },
  ],
  exports: [AuthService, PasswordHasher, FirstAdminService, StaffAuthGuard, TokenService, LoginRateLimit, SecondFactorCheck],
})
export class StaffModule {}
