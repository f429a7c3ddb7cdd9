import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The Reply-To a message to `to` about `caseId` carries, or null for none. */
export type ReplyToResolver = (manager: EntityManager, caseId: string, to: string) => Promise<string | null>;

/**
 * Where an answer to a stored message should go. Notifications only store and send; the module
 * that reads replies (src/replies/) plugs in which messages carry a reply address and which one.
 * Nothing plugged in (replies off): no message carries a Reply-To.
 */
@Injectable()
export class ReplyToAddresses {
  private resolver: ReplyToResolver | null = null;

  use(resolver: ReplyToResolver): void {
    this.resolver = resolver;
  }

  async for(manager: EntityManager, caseId: string | null | undefined, to: string): Promise<string | null> {
    return caseId && this.resolver ? this.resolver(manager, caseId, to) : null;
  }
}
