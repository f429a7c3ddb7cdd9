import type { EntityManager } from 'typeorm';
import { CaseReplyFileEntity } from './case-reply-file.entity';

/** Deletes the case's reply attachments, with the hand-over files: when the answer package expires,
 *  or when the case closes without one (docs/personal-data.md). Each reply keeps the file's name and
 *  size, without content, so the conversation still shows what was sent. Returns how many went. */
export async function deleteReplyFiles(manager: EntityManager, caseId: string): Promise<number> {
  const result = await manager.delete(CaseReplyFileEntity, { caseId });
  const deleted = result.affected ?? 0;
  if (deleted) {
    await manager.query(
      `UPDATE case_replies SET attachments = (SELECT coalesce(jsonb_agg(jsonb_set(a, '{fileId}', 'null'::jsonb) ORDER BY n), '[]'::jsonb)
         FROM jsonb_array_elements(attachments) WITH ORDINALITY AS t(a, n))
        WHERE case_id = $1`,
      [caseId],
    );
  }
  return deleted;
}
