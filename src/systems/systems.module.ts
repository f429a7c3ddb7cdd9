import { Global, Module } from '@nestjs/common';
import { SystemsService } from './systems.service';

@Global()
@Module({ providers: [SystemsService], exports: [SystemsService] })
export class SystemsModule {}
