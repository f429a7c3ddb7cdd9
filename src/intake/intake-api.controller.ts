import { Body, Controller, Headers, HttpCode, PayloadTooLargeException, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { LANGUAGES, REQUEST_TYPES } from '../common/case-types';
import { RequestValidationError } from '../common/http/validation';
import { Public } from '../common/auth/roles.decorator';
import type { FieldProblem } from '../common/domain-error';
import { AuthorityUploadInterceptor, checkedDocument, uploadOf } from '../representation/authority-upload';
import { DOCUMENT_FIELD, RELATIONSHIPS } from '../representation/representation-types';
import { LIMITS, OBJECTION_PROCESSINGS, parseIntake, problemInEnglish, type IntakeProblem } from './intake-input';
import { IntakeService } from './intake.service';
import { nameableControllers } from '../systems/processor-controllers';
import { SystemsService } from '../systems/systems.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** Public JSON intake for integrations (README "API overview"). The answer is the same whatever the
 *  company holds about the person: it never reveals whether data exists. */
@ApiTags('requests')
@Public()
@Controller('api/v1/requests')
export class IntakeApiController {
  constructor(
    private readonly intake: IntakeService,
    private readonly systems: SystemsService,
  ) {}

  @Post()
  @HttpCode(202)
  @UseGuards(ThrottlerGuard)
  @UseInterceptors(AuthorityUploadInterceptor)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat a request with the same key (and e-mail and type) to get the same case' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type', 'email'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: [...REQUEST_TYPES] },
        email: { type: 'string', format: 'email', maxLength: LIMITS.email },
        name: { type: 'string', maxLength: LIMITS.name },
        phone: { type: 'string', maxLength: LIMITS.phone },
        customerNumber: { type: 'string', maxLength: LIMITS.customerNumber },
        language: { type: 'string', enum: [...LANGUAGES], default: 'nb' },
        onBehalf: {
          description:
            'Asking for someone else: the representative (who gets the verification e-mail). The subject fields are then the person the data is about (email optional, name required). Send as multipart/form-data: a part `request` with this JSON object and a part `authorityDocument` with the PDF, JPEG or PNG (at most 10 MB).',
          type: 'object',
          additionalProperties: false,
          required: ['name', 'email', 'relationship'],
          properties: {
            name: { type: 'string', maxLength: LIMITS.name },
            email: { type: 'string', format: 'email', maxLength: LIMITS.email },
            relationship: { type: 'string', enum: [...RELATIONSHIPS] },
            coversAnswer: { type: 'boolean', default: false, description: 'The authority covers receiving the answer' },
          },
        },
        details: {
          description: 'Free text, or an object. Rectification needs field and correctedValue; objection needs processing.',
          oneOf: [
            { type: 'string', maxLength: LIMITS.text },
            {
              type: 'object',
              additionalProperties: false,
              properties: {
                text: { type: 'string', maxLength: LIMITS.text },
                field: { type: 'string', maxLength: LIMITS.field, description: 'Rectification: which data is wrong' },
                correctedValue: { type: 'string', maxLength: LIMITS.correctedValue, description: 'Rectification: what it should be' },
                processing: { type: 'string', enum: [...OBJECTION_PROCESSINGS], description: 'Objection: which processing' },
                grounds: { type: 'string', maxLength: LIMITS.grounds, description: 'Objection to legitimate interest: the grounds' },
                controller: {
                  type: 'string',
                  description:
                    'Where a processor system serves several companies (data map `controllers[].id`): the one the request is about; it is forwarded to that company only',
                },
              },
            },
          ],
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: '{reference, status}; a verification e-mail is on its way' })
  @ApiBadRequestResponse({ description: '{statusCode, error, message, details: [{field, problem}]}' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address; try again in a minute' })
  @ApiPayloadTooLargeResponse({ description: 'The authority document (or another part) is too large; details name the field' })
  async create(
    @Body() body: unknown,
    @Req() request: Request,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<{ reference: string; status: string }> {
    const upload = uploadOf(request);
    if (upload.problem?.status === 413) {
      const problem = upload.problem.field === DOCUMENT_FIELD ? 'is too large (at most 10 MB)' : 'is too large';
      throw new PayloadTooLargeException({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `${upload.problem.field}: ${problem}`,
        details: [{ field: upload.problem.field, problem }],
      });
    }
    if (upload.problem)
      throw new RequestValidationError([
        { field: upload.problem.field, problem: 'could not be read as multipart/form-data with the parts request and authorityDocument' },
      ]);
    const multipart = Boolean(request.is('multipart/form-data'));
    const parsed = parseIntake(
      multipart ? requestPart(body) : body,
      nameableControllers(this.systems.systems()).map((controller) => controller.id),
    );
    const onBehalf = parsed.ok
      ? Boolean(parsed.request.onBehalf)
      : isObject(body) && (multipart ? isObject(requestPart(body)) && 'onBehalf' in (requestPart(body) as object) : 'onBehalf' in body);
    const checked = checkedDocument(upload.file, onBehalf);
    const keyProblem = idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey);
    const problems: IntakeProblem[] = [...(parsed.ok ? [] : parsed.problems), ...(checked.problem ? [{ field: DOCUMENT_FIELD, code: checked.problem }] : [])];
    if (problems.length || !parsed.ok || keyProblem) {
      throw new RequestValidationError([
        ...problems.map((problem): FieldProblem => ({ field: problem.field, problem: problemInEnglish(problem) })),
        ...(keyProblem ? [{ field: 'Idempotency-Key', problem: 'must be 8-100 letters, digits, - or _' }] : []),
      ]);
    }
    const submitted = await this.intake.submit(parsed.request, 'api', idempotencyKey ?? randomUUID(), checked.document);
    return { reference: submitted.reference, status: 'awaiting_verification' };
  }
}

/** The `request` part of a multipart body: the same JSON object as a JSON body. */
function requestPart(body: unknown): unknown {
  const text = isObject(body) ? (body as Record<string, unknown>).request : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
