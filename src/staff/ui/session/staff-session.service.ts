import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { RedisStore } from 'connect-redis';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import Redis from 'ioredis';
import type { Language } from '../../../common/case-types';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { requestPathRedisOptions } from '../../../queues/redis-connection';
import type { SignInMethod } from '../../second-factor/second-factor';
import type { StaffUserEntity } from '../../staff-user.entity';
import { IoRedisSessionClient } from './ioredis-session-client';

declare module 'express-session' {
  interface SessionData {
    staffUserId?: string;
    /** The user's session epoch at sign-in: a later one (password, role, deactivation) ends this session. */
    staffEpoch?: number;
    /** How the person proved who they are: through single sign-on no password of ours was used,
     *  so a password change the account still owes does not stand in the way. A passkey with user
     *  verification ('passkey') is two factors in one; it and single sign-on meet an admin's
     *  second-factor requirement (second-factor/second-factor.ts). */
    signedInWith?: SignInMethod;
    /** When this session signed in (ms since epoch): a recent sign-in stands in for the password
     *  on sensitive account changes (removing a passkey). */
    signedInAt?: number;
    language?: Language;
  }
}

/**
 * Staff UI sessions: express-session with the session in Redis (any api replica can serve any
 * request), a sliding idle expiry (STAFF_SESSION_IDLE_MINUTES), an HttpOnly SameSite=Lax cookie
 * that is Secure when PUBLIC_URL is https. Keys live under QUEUE_PREFIX so deployments and test
 * runs never see each other's sessions.
 */
@Injectable()
export class StaffSessionService implements OnModuleDestroy {
  readonly cookieName: string;
  private redis: Redis | null = null;
  private handler: RequestHandler | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.cookieName = this.secure ? '__Host-dsr-staff' : 'dsr-staff';
  }

  get secure(): boolean {
    return this.config.PUBLIC_URL.startsWith('https://');
  }

  get idleMs(): number {
    return this.config.STAFF_SESSION_IDLE_MINUTES * 60_000;
  }

  get keyPrefix(): string {
    return `${this.config.QUEUE_PREFIX}:staff-session:`;
  }

  /** The express-session middleware; its Redis connection opens on first use (never in a worker). */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    this.handler ??= this.createHandler();
    this.handler(request, response, next);
  };

  /** The signed-in user's id, when the request carries a live session. */
  userId(request: Request): string | null {
    return request.session?.staffUserId ?? null;
  }

  epoch(request: Request): number | undefined {
    return request.session?.staffEpoch;
  }

  signedInWithSso(request: Request): boolean {
    return request.session?.signedInWith === 'sso';
  }

  /** How this session was signed in (sessions from before the field existed were password ones). */
  signInMethod(request: Request): SignInMethod {
    return request.session?.signedInWith ?? 'password';
  }

  /** The session's language once signed in; before that, the language cookie (no session is
   *  stored for a visitor who has not signed in). */
  language(request: Request): Language {
    const chosen = request.session?.language ?? request.cookies?.[this.languageCookie];
    return chosen === 'en' ? 'en' : 'nb';
  }

  /** The layout's switch: for this session only when signed in (the account setting on
   *  /staff/account stays as it is), else in a cookie for the sign-in page and the session it starts. */
  async chooseLanguage(request: Request, response: Response, language: Language): Promise<void> {
    if (request.session?.staffUserId) {
      request.session.language = language;
      await this.save(request);
      return;
    }
    response.cookie(this.languageCookie, language, { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', maxAge: 365 * 86_400_000 });
  }

  get languageCookie(): string {
    return this.secure ? '__Host-dsr-staff-lang' : 'dsr-staff-lang';
  }

  /** A new session id at sign-in, so an id planted before sign-in is worth nothing (fixation).
   *  The session speaks the user's own language (their account setting), unless they chose one on
   *  the sign-in page just before: that choice holds for this session only, and its cookie is
   *  cleared so the next person signing in on a shared browser gets their own setting. */
  async signIn(request: Request, user: StaffUserEntity, method: SignInMethod = 'password'): Promise<void> {
    const chosen = request.cookies?.[this.languageCookie];
    const language: Language = chosen === 'en' || chosen === 'nb' ? chosen : user.language === 'en' ? 'en' : 'nb';
    if (chosen !== undefined) request.res?.clearCookie(this.languageCookie, { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/' });
    await new Promise<void>((resolve, reject) => request.session.regenerate((error) => (error ? reject(error) : resolve())));
    request.session.staffUserId = user.id;
    request.session.staffEpoch = user.sessionEpoch;
    request.session.signedInWith = method;
    request.session.signedInAt = Date.now();
    request.session.language = language;
    await this.save(request);
  }

  async signOut(request: Request, response: Response): Promise<void> {
    if (request.session) {
      await new Promise<void>((resolve, reject) => request.session.destroy((error) => (error ? reject(error) : resolve())));
    }
    response.clearCookie(this.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secure });
  }

  async save(request: Request): Promise<void> {
    await new Promise<void>((resolve, reject) => request.session.save((error) => (error ? reject(error) : resolve())));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => undefined);
  }

  private createHandler(): RequestHandler {
    this.redis = new Redis(requestPathRedisOptions(this.config.REDIS_URL));
    return session({
      name: this.cookieName,
      store: new RedisStore({ client: new IoRedisSessionClient(this.redis), prefix: this.keyPrefix }),
      // The first secret signs session cookies; previous ones (key rotation) still verify them.
      secret: [this.config.APP_SECRET, ...this.config.APP_SECRET_PREVIOUS],
      resave: false,
      saveUninitialized: false,
      // Every request moves the expiry on: the session ends after the idle time, not a fixed age.
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', maxAge: this.idleMs },
    });
  }
}
