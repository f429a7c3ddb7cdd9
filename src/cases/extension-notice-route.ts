import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEntity } from './case.entity';

/** How the requester hears of an extension (Art 12(3)): by e-mail when they gave an address, else
 *  by a letter someone posts; `notifiedAt` is recorded only when it went (see docs/deadlines.md). */
export type ExtensionNoticeRoute = 'email' | 'post';

/**
 * Decides the route inside the extension's own transaction. The representation module supplies the
 * resolver (it knows whether a representative's address replaces the person's); without one,
 * start-up stops rather than extensions being recorded as told when no one was.
 */
@Injectable()
export class ExtensionNoticeRouter implements OnApplicationBootstrap {
  private resolver: ((manager: EntityManager, entity: CaseEntity) => Promise<ExtensionNoticeRoute>) | null = null;

  useResolver(resolver: (manager: EntityManager, entity: CaseEntity) => Promise<ExtensionNoticeRoute>): void {
    this.resolver = resolver;
  }

  onApplicationBootstrap(): void {
    if (!this.resolver) throw new Error('ExtensionNoticeRouter has no resolver: the representation module supplies it (useResolver)');
  }

  route(manager: EntityManager, entity: CaseEntity): Promise<ExtensionNoticeRoute> {
    if (!this.resolver) throw new Error('ExtensionNoticeRouter has no resolver: the representation module supplies it (useResolver)');
    return this.resolver(manager, entity);
  }
}
