import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { of, type Observable } from 'rxjs';
import type { FieldProblem } from '../../../common/domain-error';
import { RequestValidationError } from '../../../common/http/validation';
import { HANDOVER_FILES_FIELD, HANDOVER_LIMITS, type UploadedFile } from './handover-limits';

type MulterFile = { originalname: string; mimetype: string; buffer: Buffer; size: number; fieldname: string; stream: Readable };
type HandoverRequest = Request & { files?: MulterFile[]; handoverProblem?: FieldProblem; handoverSeen?: { files: number; bytes: number } };

/** Text parts: a pasted CSV may be long; everything else is a short form field. */
const TEXT_PART_BYTES = 2 * 1024 * 1024;
/** Multipart fields that carry JSON in the API (its lists), parsed before the DTO is validated. */
const JSON_FIELDS = ['dispositions', 'records', 'retained'];

/**
 * Multer storage that keeps files in memory but stops reading as soon as one file is over its
 * limit, the request has too many, or all of them together are too large — naming the file by its
 * place (`files[2]`) — so an upload can never hold more than HANDOVER_LIMITS.totalBytes.
 */
const boundedMemory = {
  _handleFile(request: HandoverRequest, file: MulterFile, done: (error: Error | null, info?: Partial<MulterFile>) => void): void {
    const seen = (request.handoverSeen ??= { files: 0, bytes: 0 });
    const index = seen.files++;
    const refuse = (problem: FieldProblem) => {
      request.handoverProblem ??= problem;
      file.stream.removeAllListeners('data');
      file.stream.resume();
      done(new Error('hand-over upload refused'));
    };
    if (index >= HANDOVER_LIMITS.files) return refuse({ field: HANDOVER_FILES_FIELD, problem: `at most ${HANDOVER_LIMITS.files} files` });
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    file.stream.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      seen.bytes += chunk.length;
      if (size > HANDOVER_LIMITS.fileBytes || seen.bytes > HANDOVER_LIMITS.totalBytes) {
        refused = true;
        const problem =
          size > HANDOVER_LIMITS.fileBytes
            ? { field: `${HANDOVER_FILES_FIELD}[${index}]`, problem: `is larger than ${HANDOVER_LIMITS.fileBytes / 1024 / 1024} MB` }
            : { field: HANDOVER_FILES_FIELD, problem: `are larger than ${HANDOVER_LIMITS.totalBytes / 1024 / 1024} MB together` };
        return refuse(problem);
      }
      chunks.push(chunk);
    });
    file.stream.on('error', (error: Error) => !refused && done(error));
    file.stream.on('end', () => !refused && done(null, { buffer: Buffer.concat(chunks), size }));
  },
  _removeFile(_request: HandoverRequest, file: MulterFile, done: (error: Error | null) => void): void {
    file.buffer = Buffer.alloc(0);
    done(null);
  },
};

/**
 * Reads a manual outcome posted as multipart/form-data (files under `files`, the rest as text
 * fields; the API's JSON lists as JSON text). A request that is not multipart passes through.
 * Problems reading the body are kept on the request (the staff form shows them beside what was
 * typed); `StrictHandoverUploadInterceptor`, the API's, parses the JSON text fields and answers
 * any problem at once with a 400 naming the field.
 */
@Injectable()
export class HandoverUploadInterceptor implements NestInterceptor {
  protected readonly strict: boolean = false;
  private readonly multer: NestInterceptor = new (FilesInterceptor(HANDOVER_FILES_FIELD, undefined, {
    storage: boundedMemory,
    limits: { fieldSize: TEXT_PART_BYTES, fields: 300, parts: 340 },
  }))();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<HandoverRequest>();
    try {
      // Multer only reads the body here; the route runs once, below, whatever it found.
      await this.multer.intercept(context, { handle: () => of(null) });
    } catch (error) {
      request.handoverProblem ??= uploadProblem(error);
      request.body ??= {};
      delete request.files;
    }
    // The API sends its lists as JSON text; the staff form has plain fields of the same names.
    if (this.strict && request.is('multipart/form-data')) parseJsonFields(request);
    if (this.strict && request.handoverProblem) throw new RequestValidationError([request.handoverProblem]);
    return next.handle();
  }
}

/** The API's variant: a problem with the upload is the answer, before the fields are validated
 *  (a body cut short by a refused file would otherwise be reported as missing its summary). */
@Injectable()
export class StrictHandoverUploadInterceptor extends HandoverUploadInterceptor {
  protected override readonly strict = true;
}

function parseJsonFields(request: HandoverRequest): void {
  const body = request.body as Record<string, unknown>;
  for (const name of JSON_FIELDS) {
    if (typeof body[name] !== 'string') continue;
    try {
      body[name] = JSON.parse(body[name]);
    } catch {
      request.handoverProblem ??= { field: name, problem: 'must be JSON in a multipart request' };
    }
  }
}

function uploadProblem(error: unknown): FieldProblem {
  const message = error instanceof Error ? error.message : '';
  const code = (error as { code?: string }).code ?? '';
  if (/unexpected field/i.test(message) || code === 'LIMIT_UNEXPECTED_FILE')
    return { field: 'body', problem: `files go in the "${HANDOVER_FILES_FIELD}" field` };
  if (error instanceof HttpException && error.getStatus() === 413) return { field: 'body', problem: 'has a field or too many parts beyond the limits' };
  return { field: 'body', problem: 'could not be read as multipart/form-data' };
}

/** The files multer read, as the hand-over takes them, and any problem reading the body. */
export function handoverUploadOf(request: Request): { files: UploadedFile[]; problem: FieldProblem | null } {
  const upload = request as HandoverRequest;
  const files = (upload.files ?? [])
    .filter((file) => file.size > 0 || file.originalname)
    .map((file) => ({ originalName: file.originalname, declaredType: file.mimetype, bytes: file.buffer }));
  return { files, problem: upload.handoverProblem ?? null };
}
