/** The reference for the intake flood: a trivial NestJS (Express) app with one POST route that
 *  parses JSON and answers 202 — the framework's own ceiling on this machine. */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class BareController {
  @Post('bare')
  @HttpCode(202)
  accept(@Body() body: Record<string, unknown>) {
    return { reference: 'DSR-0000-000000', status: 'awaiting_verification', echoed: Object.keys(body).length };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: ['error'] });
  await app.listen(Number(process.env.PORT ?? 3902), '127.0.0.1');
  process.stdout.write('bare app ready\n');
}

void main();
