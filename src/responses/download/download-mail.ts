import type { CaseEntity } from '../../cases/case.entity';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { ControllerInfo } from '../../systems/data-map.schema';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** `to` is the answer's address (answer-address.ts): the person the data is about, or the
 *  representative whose accepted authority covers receiving the answer. */
function mail(entity: CaseEntity, subject: string, paragraphs: string[], to: string | null = entity.subjectEmail, secrets: string[] = []): ComposedMail {
  const text = `${paragraphs.join('\n\n')}\n`;
  const html = `<!doctype html><html lang="${entity.language}"><head><meta charset="utf-8"></head><body>${paragraphs.map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('\n')}</body></html>`;
  return { to: to!, caseId: entity.id, subject, text, html, ...(secrets.length ? { secrets } : {}) };
}

/** The one-time code for downloading the answer; the code is cut from the stored row once sent. */
export function codeMail(entity: CaseEntity, code: string, minutes: number, controller: ControllerInfo, to?: string | null): ComposedMail {
  return entity.language === 'en'
    ? mail(
        entity,
        `Your download code (${entity.reference})`,
        [
          `Your one-time code for downloading the answer to ${entity.reference} is: ${code}`,
          `It works once, for ${minutes} minutes. If you did not ask for it, you can ignore this e-mail; nobody can download your answer without the code.`,
          `${controller.name}, ${controller.email}`,
        ],
        to ?? undefined,
        [code],
      )
    : mail(
        entity,
        `Koden din for nedlasting (${entity.reference})`,
        [
          `Engangskoden for å laste ned svaret på ${entity.reference} er: ${code}`,
          `Den virker én gang, i ${minutes} minutter. Har du ikke bedt om den, kan du se bort fra denne e-posten; ingen kan laste ned svaret uten koden.`,
          `${controller.name}, ${controller.email}`,
        ],
        to ?? undefined,
        [code],
      );
}

/** Three wrong codes: the download is locked, and the person hears of it at once. */
export function lockedMail(entity: CaseEntity, controller: ControllerInfo, to?: string | null): ComposedMail {
  return entity.language === 'en'
    ? mail(
        entity,
        `Download of your answer locked (${entity.reference})`,
        [
          `Someone entered a wrong download code three times for the answer to ${entity.reference}, so we have locked the download. Nothing was disclosed.`,
          `If it was you, or if it was not, write to ${controller.email} and we will help you get your answer safely.`,
          controller.name,
        ],
        to ?? undefined,
      )
    : mail(
        entity,
        `Nedlastingen av svaret ditt er sperret (${entity.reference})`,
        [
          `Noen skrev feil nedlastingskode tre ganger for svaret på ${entity.reference}, så vi har sperret nedlastingen. Ingenting er utlevert.`,
          `Enten det var deg eller ikke: skriv til ${controller.email}, så hjelper vi deg å få svaret på en trygg måte.`,
          controller.name,
        ],
        to ?? undefined,
      );
}

/** Staff lifted the lock: the person can ask for a new code from the same link, which this repeats
 *  (cut from the stored row once sent). */
export function unlockedMail(entity: CaseEntity, url: string, lastDay: string, controller: ControllerInfo, to?: string | null): ComposedMail {
  return entity.language === 'en'
    ? mail(
        entity,
        `You can download your answer again (${entity.reference})`,
        [
          `We have lifted the lock on the download of the answer to ${entity.reference}. Codes sent before the lock no longer work.`,
          `Open the link, ask for a new one-time code and enter it: ${url}`,
          `The answer can be downloaded until ${lastDay}.`,
          `${controller.name}, ${controller.email}`,
        ],
        to ?? undefined,
        [url],
      )
    : mail(
        entity,
        `Du kan laste ned svaret igjen (${entity.reference})`,
        [
          `Vi har opphevet sperren på nedlastingen av svaret på ${entity.reference}. Koder sendt før sperren virker ikke lenger.`,
          `Åpne lenken, be om en ny engangskode og skriv den inn: ${url}`,
          `Svaret kan lastes ned til og med ${lastDay}.`,
          `${controller.name}, ${controller.email}`,
        ],
        to ?? undefined,
        [url],
      );
}
