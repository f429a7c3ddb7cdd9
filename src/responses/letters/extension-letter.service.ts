import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { CasesService } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import { conflict } from '../../common/domain-error';
import { SystemsService } from '../../systems/systems.service';
import { extensionLetter } from './extension-letter';
import { PostedLetterService } from './posted-letter.service';

/** The extension notice as a PDF to post (a case whose requester has no e-mail address), for the
 *  API and the staff page alike; each download audited (no personal data in the audit). */
@Injectable()
export class ExtensionLetterService {
  constructor(
    private readonly cases: CasesService,
    private readonly letters: PostedLetterService,
    private readonly systems: SystemsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async pdf(reference: string, actor: string): Promise<{ body: Buffer; filename: string }> {
    const entity = await this.cases.findByReference(reference);
    if (!entity.extendedDue || !entity.extensionReason) {
      throw conflict('There is no extension letter: the deadline was not extended.', { code: 'not_extended' });
    }
    const letter = extensionLetter(entity, this.systems.controller());
    // The letter bears the day the extension was decided, not the day it is printed.
    const extended = (await this.audit.forCase(entity.id)).find((event) => event.type === 'case.extended');
    const now = this.clock.now();
    await this.audit.record({ caseId: entity.id, type: 'extension.letter_downloaded', actor, occurredAt: now, data: { format: 'posted-pdf' } });
    const body = await this.letters.pdfOf(entity, { subject: letter.subject, textBody: letter.text, createdAt: extended?.occurredAt ?? now });
    return { body, filename: `${entity.reference}-extension-letter.pdf` };
  }
}
