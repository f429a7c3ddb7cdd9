import { Module, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Letters stored with a case that are not its answer: a refusal (the case's rejection code says
 *  more) and the notice sent before lifting a restriction, which comes after the answer. */
const NOT_THE_ANSWER = ['refusal', 'restriction-lifting'];

/**
 * What a completed case answered, as the kind of its stored answer letter (`erasure`,
 * `erasure-partial`, `nothing-held`, `objection-refused`, …: LETTER_KINDS): the outcome the case
 * report lists. One query for a page of cases.
 */
@Injectable()
export class AnswerLetterKinds {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forCases(caseIds: readonly string[]): Promise<Map<string, string>> {
    if (!caseIds.length) return new Map();
    const rows: Array<{ case_id: string; kind: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (case_id) case_id, kind FROM case_answer_letters
        WHERE case_id = ANY($1::uuid[]) AND kind <> ALL($2::text[])
        ORDER BY case_id, created_at`,
      [caseIds, NOT_THE_ANSWER],
    );
    return new Map(rows.map((row) => [row.case_id, row.kind]));
  }
}

/** Only the letter kinds, for reports: the staff face imports this rather than the whole answer module. */
@Module({ providers: [AnswerLetterKinds], exports: [AnswerLetterKinds] })
export class AnswerLetterKindsModule {}
