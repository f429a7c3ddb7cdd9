import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { invalid } from '../../common/domain-error';
import { LETTER_KINDS, type LetterKind } from '../letters/letter-facts';
import { isLanguage, isLetterKind, TEMPLATE_LIMITS } from './letter-template';
import { LetterTemplatesService } from './letter-templates.service';

/** The template's parts; their types and limits are checked by checkLetterTemplate (one 400 naming each problem). */
export class LetterTemplateDto {
  /** One line, at most 100 characters; null or "" for the engine's default greeting. */
  @Allow()
  greeting?: string | null;

  /** One line, at most 100 characters, followed by the company's name; null or "" for the default. */
  @Allow()
  closing?: string | null;

  /** Paragraphs after the greeting, before the statutory body (at most 3, 1500 characters each). */
  @Allow()
  before?: string[];

  /** Paragraphs after the statutory body, before the closing. */
  @Allow()
  after?: string[];
}

/** The company's letter templates over REST (admins), the same rules as /staff/templates. */
@ApiTags('letter-templates')
@ApiBearerAuth()
@Controller('api/v1/letter-templates')
export class LetterTemplatesController {
  constructor(private readonly templates: LetterTemplatesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every letter kind in both languages with the words in force (null/[] = the default words)' })
  async list() {
    const rows = await this.templates.list();
    return LETTER_KINDS.flatMap((kind) =>
      (['nb', 'en'] as const).map((language) => {
        const row = rows.find((candidate) => candidate.kind === kind && candidate.language === language);
        return { kind, language, greeting: row?.greeting ?? null, closing: row?.closing ?? null, before: row?.before ?? [], after: row?.after ?? [] };
      }),
    );
  }

  @Get(':kind/:language')
  @Roles('admin')
  @ApiOperation({ summary: 'One letter kind in one language' })
  async get(@Param('kind') kind: string, @Param('language') language: string) {
    const [k, l] = choice(kind, language);
    return { kind: k, language: l, ...(await this.templates.get(k, l)) };
  }

  @Put(':kind/:language')
  @Roles('admin')
  @ApiOperation({
    summary: `Replace the greeting, closing and free paragraphs (before/after the statutory body). Plain text: one line of at most ${TEMPLATE_LIMITS.line} characters for greeting and closing, at most ${TEMPLATE_LIMITS.paragraphs} paragraphs of ${TEMPLATE_LIMITS.paragraph} characters each; the statutory parts are the engine's and cannot be changed here. Audited.`,
  })
  async put(@Param('kind') kind: string, @Param('language') language: string, @Body() body: LetterTemplateDto, @CurrentStaff() staff: StaffPrincipal) {
    const [k, l] = choice(kind, language);
    return { kind: k, language: l, ...(await this.templates.save(k, l, { ...body }, staffActor(staff))) };
  }
}

function choice(kind: string, language: string): [LetterKind, 'nb' | 'en'] {
  if (!isLetterKind(kind)) throw invalid('kind', `must be one of ${LETTER_KINDS.join(', ')}`);
  if (!isLanguage(language)) throw invalid('language', 'must be nb or en');
  return [kind, language];
}
