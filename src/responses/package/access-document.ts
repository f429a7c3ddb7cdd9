import type { Language } from '../../common/case-types';
import type { ControllerInfo, SystemEntry } from '../../systems/data-map.schema';
import { textIn, type LocalizedText } from '../../systems/localized-text';
import { DEFAULT_WORDS, ELEMENT_LABELS, RIGHTS, periodInWords } from '../copy/rights-copy';
import { listedFiles, readableTables, type FieldLabels, type ListedFile, type ReadableTable } from './readable-tables';

/** One processing (one system of the data map) with every Art 15(1) element, in words. */
export interface ProcessingInfo {
  systemId: string;
  name: string;
  purposes: string[];
  categories: string[];
  legalBasis: string;
  recipients: string[];
  retention: string;
  source: string;
  automatedDecisions: string;
  transfersOutsideEea: string;
}

/** One system's data in the package. */
export interface SystemData {
  systemId: string;
  name: string;
  recordCount: number;
  data: Record<string, unknown>;
  tables: Record<string, Array<Record<string, unknown>>>;
  /** What a person found, for systems searched by hand (no machine export). */
  note?: string;
  /** Files a person handed over for this system (PDF, images, e-mails, text), as they are; in the zip as files/<system>/<name>. */
  files?: Array<{ name: string; contentType: string; bytes: Buffer }>;
}

export interface AccessDocument {
  language: Language;
  reference: string;
  controller: ControllerInfo;
  generatedOn: string;
  /** False: "we hold no data about you" — still a complete answer with the rights. */
  holdsData: boolean;
  processings: ProcessingInfo[];
  systems: SystemData[];
  /** Systems searched where nothing was found. */
  searchedEmpty: string[];
  /** Per system id: the data map's field labels in the document's language (see readable-tables). */
  fieldLabels?: Record<string, FieldLabels>;
}

/** A system's data-map field labels in one language. */
export function fieldLabelsIn(system: SystemEntry, language: Language): FieldLabels {
  return Object.fromEntries(Object.entries(system.fieldLabels).map(([field, text]) => [field, textIn(text, language)]));
}

export function processingInfo(system: SystemEntry, language: Language): ProcessingInfo {
  const words = DEFAULT_WORDS[language];
  const { texts } = system;
  const retention = [
    system.retention.period ? periodInWords(system.retention.period, language) : null,
    texts.retention.criteria && textIn(texts.retention.criteria, language),
    texts.retention.basis && textIn(texts.retention.basis, language),
  ]
    .filter(Boolean)
    .join('; ');
  // The data map's own words in the requester's language; its defaults in the document's words.
  const own = (text: LocalizedText, fallback?: { when: string; words: string }) =>
    fallback && text === fallback.when ? fallback.words : textIn(text, language);
  return {
    systemId: system.id,
    name: own(texts.name),
    purposes: texts.purposes.map((text) => own(text)),
    categories: texts.categories.map((text) => own(text)),
    legalBasis: own(texts.legalBasis),
    recipients: texts.recipients.length ? texts.recipients.map((text) => own(text)) : [words.noRecipients],
    retention,
    source: own(system.source, { when: 'the data subject', words: words.subjectSource }),
    automatedDecisions: own(system.automatedDecisions, { when: 'none', words: words.none }),
    transfersOutsideEea: own(system.transfersOutsideEea, { when: 'none', words: words.none }),
  };
}

/** The readable document's text, section by section: shared by the HTML and the PDF. */
export interface DocumentSection {
  heading: string;
  paragraphs: string[];
  /** label → value lines (the Art 15(1) elements). */
  facts?: Array<[string, string]>;
  /** One system's data, a table per record type. */
  tables?: ReadableTable[];
  /** Files an owner handed over, which are in the package beside this document. */
  files?: { lead: string; list: ListedFile[] };
  /** Said under the tables, e.g. what a flagged label means. */
  footnote?: string;
}

const COPY = {
  nb: {
    title: 'Innsyn i personopplysninger',
    intro: (d: AccessDocument) => `Dette er svaret på innsynsforespørselen din ${d.reference} til ${d.controller.name}, laget ${d.generatedOn}.`,
    holds:
      'Vi behandler opplysninger om deg. Under står hvilke systemer de finnes i, hva vi bruker dem til og hvilke opplysninger det er. Pakken har også en maskinlesbar kopi (JSON og CSV).',
    none: 'Vi har ingen opplysninger om deg. Vi har søkt i alle systemene våre som inneholder personopplysninger.',
    processingHeading: (name: string) => `Behandling: ${name}`,
    dataHeading: (name: string) => `Opplysningene i ${name}`,
    records: (count: number) => (count === 1 ? '1 oppføring.' : `${count} oppføringer.`),
    files: 'Filer (i mappen files/ i pakken):',
    redacted: (note: string) => `Opplysninger om andre personer er fjernet eller sladdet (personvernforordningen art. 15(4)): ${note}`,
    guessed: '* Feltnavnet er hentet fra systemet; vi har ikke et bedre navn på det.',
    searched: 'Søkt uten treff',
    controller: 'Behandlingsansvarlig',
  },
  en: {
    title: 'Access to your personal data',
    intro: (d: AccessDocument) => `This is the answer to your access request ${d.reference} to ${d.controller.name}, made on ${d.generatedOn}.`,
    holds:
      'We process data about you. Below is each system it is in, what we use it for and the data itself. The package also holds a machine-readable copy (JSON and CSV).',
    none: 'We hold no data about you. We searched every system of ours that holds personal data.',
    processingHeading: (name: string) => `Processing: ${name}`,
    dataHeading: (name: string) => `The data in ${name}`,
    records: (count: number) => (count === 1 ? '1 record.' : `${count} records.`),
    files: 'Files (in the files/ folder of the package):',
    redacted: (note: string) => `Data about other people has been removed or blacked out (GDPR Art 15(4)): ${note}`,
    guessed: '* The field name is the one the system uses; we have no better name for it.',
    searched: 'Searched, nothing found',
    controller: 'Controller',
  },
};

/** The note a person handed over with the data on what of others' data they removed (Art 15(4)). */
function redactionNote(data: Record<string, unknown>): string | null {
  const redacted = data.othersDataRedacted as { note?: unknown } | undefined;
  return typeof redacted?.note === 'string' && redacted.note.trim() ? redacted.note : null;
}

export function documentSections(document: AccessDocument): { title: string; sections: DocumentSection[] } {
  const copy = COPY[document.language];
  const labels = ELEMENT_LABELS[document.language];
  const rights = RIGHTS[document.language];
  const sections: DocumentSection[] = [{ heading: copy.title, paragraphs: [copy.intro(document), document.holdsData ? copy.holds : copy.none] }];
  for (const processing of document.processings) {
    sections.push({
      heading: copy.processingHeading(processing.name),
      paragraphs: [],
      facts: [
        [labels.purposes, processing.purposes.join(', ')],
        [labels.categories, processing.categories.join(', ')],
        [labels.legalBasis, processing.legalBasis],
        [labels.recipients, processing.recipients.join(', ')],
        [labels.retention, processing.retention],
        [labels.source, processing.source],
        [labels.automatedDecisions, processing.automatedDecisions],
        [labels.transfers, processing.transfersOutsideEea],
      ],
    });
  }
  for (const system of document.systems) {
    const tables = readableTables(system, document.fieldLabels?.[system.systemId] ?? {}, document.language);
    const files = listedFiles(system);
    const guessed = tables.some((table) => table.guessed || table.columns.some((column) => column.guessed));
    sections.push({
      heading: copy.dataHeading(system.name),
      // A system searched by hand has no count of its own: the person's note says what was found.
      paragraphs: [
        ...(system.recordCount > 0 ? [copy.records(system.recordCount)] : []),
        ...(system.note ? [system.note] : []),
        ...(redactionNote(system.data) ? [copy.redacted(redactionNote(system.data)!)] : []),
      ],
      ...(tables.length ? { tables } : {}),
      ...(files.length ? { files: { lead: copy.files, list: files } } : {}),
      ...(guessed ? { footnote: copy.guessed } : {}),
    });
  }
  if (document.searchedEmpty.length) sections.push({ heading: copy.searched, paragraphs: [document.searchedEmpty.join(', ')] });
  sections.push({ heading: rights.heading, paragraphs: [...rights.rights, rights.complaint, rights.court] });
  const controller = document.controller;
  sections.push({
    heading: copy.controller,
    paragraphs: [[controller.name, controller.orgNumber, controller.address, controller.email, controller.dpo?.email].filter(Boolean).join(', ')],
  });
  return { title: copy.title, sections };
}
