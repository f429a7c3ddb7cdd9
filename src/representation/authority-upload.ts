import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { sniffDocumentType } from './document-type';
import { DOCUMENT_FIELD, MAX_DOCUMENT_BYTES, type DocumentType } from './representation-types';

/** What went wrong reading a multipart body, for the controller to answer in its own way. */
export interface UploadProblem {
  field: string;
  status: 400 | 413;
  code: 'document_too_large' | 'too_large' | 'unknown_field' | 'malformed';
}

type UploadRequest = Request & { file?: { buffer: Buffer; mimetype: string; size: number }; uploadProblem?: UploadProblem };

/** Text parts are the same small fields the urlencoded form sends; the JSON API's `request` part
 *  is at most the JSON parser's 100 kB. */
const TEXT_PART_BYTES = 100 * 1024;

/**
 * Reads a multipart body with the authority document in memory, through Nest's FileInterceptor
 * (multer). Unlike the bare interceptor it does not throw on a document that is too large: the
 * form must come back with what the person typed (the fields before the file part are read), and
 * the API must name the field. The problem is left on the request for the controller.
 * A request that is not multipart passes through untouched.
 */
@Injectable()
export class AuthorityUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new (FileInterceptor(DOCUMENT_FIELD, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fieldSize: TEXT_PART_BYTES, fields: 50, parts: 60 },
  }))();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      const request = context.switchToHttp().getRequest<UploadRequest>();
      request.uploadProblem = uploadProblem(error);
      request.body ??= {};
      delete request.file;
      return next.handle();
    }
  }
}

function uploadProblem(error: unknown): UploadProblem {
  const status = error instanceof HttpException ? error.getStatus() : 400;
  const message = error instanceof Error ? error.message : '';
  if (status === 413 && /file too large/i.test(message)) return { field: DOCUMENT_FIELD, status: 413, code: 'document_too_large' };
  if (status === 413) return { field: 'body', status: 413, code: 'too_large' };
  if (/unexpected field/i.test(message)) return { field: 'file', status: 400, code: 'unknown_field' };
  return { field: 'body', status: 400, code: 'malformed' };
}

/** The uploaded document as multer left it, and any problem reading the body. */
export function uploadOf(request: Request): { file: { bytes: Buffer; declaredType: string } | null; problem: UploadProblem | null } {
  const upload = request as UploadRequest;
  const file = upload.file && upload.file.size > 0 ? { bytes: upload.file.buffer, declaredType: upload.file.mimetype } : null;
  return { file, problem: upload.uploadProblem ?? null };
}

/** The document's type by its bytes, or the problem to report on the document field. */
export function checkedDocument(
  file: { bytes: Buffer } | null,
  onBehalf: boolean,
): { document?: { bytes: Buffer; type: DocumentType }; problem?: 'document_required' | 'document_type' | 'document_not_expected' } {
  if (!onBehalf) return file ? { problem: 'document_not_expected' } : {};
  if (!file) return { problem: 'document_required' };
  const type = sniffDocumentType(file.bytes);
  return type ? { document: { bytes: file.bytes, type } } : { problem: 'document_type' };
}
