import { Injectable } from '@nestjs/common';

export interface ComposedMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  caseId?: string | null;
  /** One-time codes, link tokens or whole links in the bodies: kept until the message is sent,
   *  then cut from the stored row (links to this service are found without being listed). */
  secrets?: string[];
}

export interface ComposeRequest {
  caseId?: string;
  params: Record<string, string>;
}

/** Builds one kind of message from ids, reading fresh state; null = no longer relevant, send nothing. */
export type MailComposer = (request: ComposeRequest) => Promise<ComposedMail | null>;

/** Every kind of e-mail the service sends, registered by the module that owns it. */
@Injectable()
export class MailComposerRegistry {
  private readonly composers = new Map<string, MailComposer>();

  register(kind: string, composer: MailComposer): void {
    if (this.composers.has(kind)) throw new Error(`mail composer for "${kind}" registered twice`);
    this.composers.set(kind, composer);
  }

  kinds(): string[] {
    return [...this.composers.keys()];
  }

  compose(kind: string, request: ComposeRequest): Promise<ComposedMail | null> {
    const composer = this.composers.get(kind);
    if (!composer) throw new Error(`no mail composer for "${kind}"`);
    return composer(request);
  }
}
