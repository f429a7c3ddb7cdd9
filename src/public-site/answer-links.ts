import { Injectable } from '@nestjs/common';

/** A download of the answer, offered on the status page once the answer exists. */
export interface AnswerLink {
  url: string;
  /** When the download stops working (shown to the person). */
  expiresAt?: Date;
}

export type AnswerLinkProvider = (caseId: string) => Promise<AnswerLink | null>;

/**
 * The status page's hook for the answer's download link. The module that builds answers
 * registers a provider at init; until one does (or while it has nothing), the page says the
 * answer is not ready rather than showing a link that leads nowhere.
 */
@Injectable()
export class AnswerLinkRegistry {
  private readonly providers: AnswerLinkProvider[] = [];

  register(provider: AnswerLinkProvider): void {
    this.providers.push(provider);
  }

  async find(caseId: string): Promise<AnswerLink | null> {
    for (const provider of this.providers) {
      const link = await provider(caseId);
      if (link) return link;
    }
    return null;
  }
}
