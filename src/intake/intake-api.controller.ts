import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiHeader, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import { LANGUAGES, REQUEST_TYPES } from '../cases/case-types';
import { RequestValidationError } from '../common/http/validation';
import { Public } from '../staff/auth/roles.decorator';
import { LIMITS, OBJECTION_PROCESSINGS, parseIntake, problemInEnglish } from './intake-input';
import { IntakeService } from './intake.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** Public JSON intake for integrations (README "API overview"). The answer is the same whatever the
 *  company holds about the person: it never reveals whether data exists. */
@ApiTags('requests')
@Public()
@Controller('api/v1/requests')
export class IntakeApiController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @HttpCode(202)
  @UseGuards(ThrottlerGuard)
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
  async create(@Body() body: unknown, @Headers('idempotency-key') idempotencyKey?: string): Promise<{ reference: string; status: string }> {
    const parsed = parseIntake(body);
    const keyProblem = idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey);
    if (!parsed.ok || keyProblem) {
      throw new RequestValidationError([
        ...(parsed.ok ? [] : parsed.problems.map((problem) => ({ field: problem.field, problem: problemInEnglish(problem) }))),
        ...(keyProblem ? [{ field: 'Idempotency-Key', problem: 'must be 8-100 letters, digits, - or _' }] : []),
      ]);
    }
    const submitted = await this.intake.submit(parsed.request, 'api', idempotencyKey ?? randomUUID());
    return { reference: submitted.reference, status: 'awaiting_verification' };
  }
}
