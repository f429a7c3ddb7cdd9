import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Language } from '../common/case-types';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loadDataMap } from './data-map.loader';
import { textIn } from './localized-text';
import { dataMapFindings, type DataMapWarning } from './data-map-warnings';
import type { ControllerInfo, DataMap, SystemEntry } from './data-map.schema';

/** The data map, loaded and validated once at boot (an invalid file stops start-up). */
@Injectable()
export class SystemsService implements OnModuleInit {
  private readonly logger = new Logger('DataMap');
  private map: DataMap;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.map = loadDataMap(config.SYSTEMS_FILE);
  }

  onModuleInit(): void {
    // The log is the operator's, in English; each line names a system and a field, no person.
    for (const warning of this.warnings()) this.logger.warn(warning.text.en);
  }

  /** What a DPO should look at, each with its line in nb and en (see dataMapFindings). */
  warnings(): DataMapWarning[] {
    return dataMapFindings(this.map, process.env);
  }

  controller(): ControllerInfo {
    return this.map.controller;
  }

  systems(): SystemEntry[] {
    return this.map.systems;
  }

  system(id: string): SystemEntry | undefined {
    return this.map.systems.find((system) => system.id === id);
  }

  /** A system's name in the reader's language; an id the data map no longer lists, as it is. */
  nameOf(id: string, language: Language): string {
    const system = this.system(id);
    return system ? textIn(system.texts.name, language) : id;
  }

  approvalRequired(type: string): boolean {
    return (this.map.policy.approvalRequired as string[]).includes(type);
  }

  /** The request types the policy sends through a handler's approval. */
  approvalTypes(): readonly string[] {
    return this.map.policy.approvalRequired;
  }
}
