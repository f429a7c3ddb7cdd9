import { ConnectorError } from '../connector-errors';
import type { SystemContext } from '../connector';

export const DEFAULT_VISMA_TOKEN_URL = 'https://connect.visma.com/connect/token';
export const DEFAULT_VISMA_GRAPHQL_URL = 'https://business.visma.net/api/graphql-service';
export const VISMA_SERVICE_SCOPE = 'business-graphql-service-api:access-group-based';

/** The resolved `connection` of a Visma Business NXT system (see README.md). */
export interface VismaSettings {
  systemId: string;
  tokenUrl: string;
  graphqlUrl: string;
  companyNo: number;
  clientId: string;
  clientSecret: string;
  /** Sent as `tenant_id` in the token request when set (unverified for NXT). */
  tenantId?: string;
}

/** Reads and checks `ctx.connection`; a broken data-map entry is a permanent failure. */
export function readVismaSettings(ctx: SystemContext): VismaSettings {
  const connection = ctx.connection ?? {};
  const text = (key: string): string | undefined => {
    const value = connection[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw invalid(`connection.${key} must be a string`);
    return value;
  };
  const companyNo = Number(connection.companyNo);
  if (!Number.isInteger(companyNo) || companyNo <= 0) throw invalid('connection.companyNo must be a positive integer');
  const clientIdEnv = text('clientIdEnv');
  const clientSecretEnv = text('clientSecretEnv');
  if (!clientIdEnv || !clientSecretEnv) throw invalid('connection.clientIdEnv and connection.clientSecretEnv are required');
  const clientId = ctx.secret(clientIdEnv);
  const clientSecret = ctx.secret(clientSecretEnv);
  if (!clientId || !clientSecret) throw invalid(`the secrets named by clientIdEnv/clientSecretEnv are empty`);
  return {
    systemId: ctx.systemId,
    tokenUrl: text('tokenUrl') ?? DEFAULT_VISMA_TOKEN_URL,
    graphqlUrl: text('graphqlUrl') ?? DEFAULT_VISMA_GRAPHQL_URL,
    companyNo,
    clientId,
    clientSecret,
    tenantId: text('tenantId'),
  };
}

function invalid(problem: string): ConnectorError {
  return new ConnectorError(`Visma connection settings: ${problem}`, false);
}
