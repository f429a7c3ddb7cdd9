import { connectorsOf } from './dsr-connector';
import { HttpConnectorModule } from './http/http.module';
import { HubSpotConnectorModule } from './hubspot/hubspot.module';
import { SqlConnectorModule } from './sql/sql.module';
import { MailchimpConnectorModule } from './mailchimp/mailchimp.module';
import { VismaConnectorModule } from './visma/visma.module';
import { ZendeskConnectorModule } from './zendesk/zendesk.module';

/**
 * The connectors this engine has. Adding one is its own folder (the connector class marked
 * `@DsrConnector(type, { rateLimit })` and a module providing it) plus its module on this line:
 * its task queue, rate limit, processor and the data map's `connector` value follow from it.
 */
export const CONNECTOR_MODULES = [
  ZendeskConnectorModule,
  VismaConnectorModule,
  HubSpotConnectorModule,
  MailchimpConnectorModule,
  SqlConnectorModule,
  HttpConnectorModule,
];

/** The listed connectors, in list order, read from the modules' metadata (before Nest builds them). */
export const CONNECTOR_PLUGINS = connectorsOf(CONNECTOR_MODULES);
