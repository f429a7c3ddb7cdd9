import { type Request, type Response, Router } from 'express';
import { EMAIL_PATTERN, sendError } from './hubspot-errors';
import { ASSUMPTIONS } from './hubspot-simulator-assumptions';
import type { Channel, HubSpotSimulatorState } from './hubspot-simulator-state';

const LEGAL_BASES = [
  'LEGITIMATE_INTEREST_PQL',
  'LEGITIMATE_INTEREST_CLIENT',
  'PERFORMANCE_OF_CONTRACT',
  'CONSENT_WITH_NOTICE',
  'NON_GDPR',
  'PROCESS_AND_STORE',
  'LEGITIMATE_INTEREST_OTHER',
];

/** Communication preferences: v3 status read and per-subscription unsubscribe, v4 unsubscribe-all. */
export function preferenceRoutes(state: HubSpotSimulatorState): Router {
  const router = Router();

  router.get('/communication-preferences/v3/definitions', (_req: Request, res: Response) => {
    res.json({ subscriptionDefinitions: state.subscriptionDefinitions.map((definition) => ({ ...definition, isActive: true })) });
  });

  router.get('/communication-preferences/v3/status/email/:email', (req: Request, res: Response) => {
    const email = String(req.params.email).toLowerCase();
    res.json({ recipient: email, subscriptionStatuses: statusesFor(state, email) });
  });

  router.post('/communication-preferences/v3/unsubscribe', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof body.emailAddress === 'string' ? body.emailAddress.toLowerCase() : '';
    const subscriptionId = body.subscriptionId === undefined ? '' : String(body.subscriptionId);
    if (!EMAIL_PATTERN.test(email)) return sendError(res, 400, 'VALIDATION_ERROR', 'emailAddress must be a valid e-mail address');
    const definition = state.subscriptionDefinitions.find((candidate) => candidate.id === subscriptionId);
    if (!definition) return sendError(res, 400, 'VALIDATION_ERROR', `Subscription ${subscriptionId} does not exist`);
    if (body.legalBasis !== undefined && !LEGAL_BASES.includes(String(body.legalBasis))) {
      return sendError(res, 400, 'VALIDATION_ERROR', `legalBasis must be one of ${LEGAL_BASES.join(', ')}`);
    }
    const current = state.subscription(email, subscriptionId);
    if (state.optOutOfAllSince(email, 'EMAIL') || current?.status === 'NOT_SUBSCRIBED') {
      return sendError(res, ASSUMPTIONS.unsubscribeTwiceStatus, 'VALIDATION_ERROR', `${email} is already unsubscribed from subscription ${subscriptionId}`);
    }
    const record = {
      status: 'NOT_SUBSCRIBED' as const,
      legalBasis: body.legalBasis === undefined ? undefined : String(body.legalBasis),
      legalBasisExplanation: body.legalBasisExplanation === undefined ? undefined : String(body.legalBasisExplanation),
      timestamp: new Date().toISOString(),
    };
    state.setSubscription(email, subscriptionId, record);
    res.json({
      id: definition.id,
      name: definition.name,
      description: definition.description,
      status: record.status,
      sourceOfStatus: 'SUBSCRIPTION_STATUS',
      legalBasis: record.legalBasis,
      legalBasisExplanation: record.legalBasisExplanation,
    });
  });

  router.post('/communication-preferences/v4/statuses/:subscriber/unsubscribe-all', (req: Request, res: Response) => {
    const channel = channelParam(req, res);
    if (!channel) return;
    const subscriber = String(req.params.subscriber).toLowerCase();
    if (channel === 'EMAIL' && !EMAIL_PATTERN.test(subscriber)) {
      return sendError(res, 400, 'VALIDATION_ERROR', 'subscriberIdString must be an e-mail address for channel EMAIL');
    }
    if (channel !== 'EMAIL' && !ASSUMPTIONS.phoneSubscriberPattern.test(subscriber)) {
      return sendError(res, 400, 'VALIDATION_ERROR', `subscriberIdString must be a phone number in E.164 format for channel ${channel}`);
    }
    const startedAt = new Date().toISOString();
    const since = state.recordOptOutOfAll(subscriber, channel, startedAt);
    const results =
      channel === 'EMAIL'
        ? state.subscriptionDefinitions.map((definition) => ({
            subscriberIdString: subscriber,
            subscriptionId: Number(definition.id),
            subscriptionName: definition.name,
            status: 'NOT_SUBSCRIBED',
            source: 'Public API',
            legalBasis: null,
            legalBasisExplanation: null,
            setStatusSuccessReason: 'UNSUBSCRIBE_FROM_ALL_OCCURRED',
            channel,
            timestamp: since,
          }))
        : [];
    res.json({ status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() });
  });

  router.get('/communication-preferences/v4/statuses/:subscriber/unsubscribe-all', (req: Request, res: Response) => {
    const channel = channelParam(req, res);
    if (!channel) return;
    const subscriber = String(req.params.subscriber).toLowerCase();
    const since = state.optOutOfAllSince(subscriber, channel);
    const now = new Date().toISOString();
    res.json({
      status: 'COMPLETE',
      results: since ? [{ subscriberIdString: subscriber, channel, status: 'NOT_SUBSCRIBED', timestamp: since, wideStatusType: 'PORTAL_WIDE' }] : [],
      startedAt: now,
      completedAt: now,
    });
  });

  return router;
}

function statusesFor(state: HubSpotSimulatorState, email: string): Array<Record<string, unknown>> {
  const optedOut = Boolean(state.optOutOfAllSince(email, 'EMAIL'));
  return state.subscriptionDefinitions.map((definition) => {
    const record = state.subscription(email, definition.id);
    return {
      id: definition.id,
      name: definition.name,
      description: definition.description,
      status: optedOut ? 'NOT_SUBSCRIBED' : (record?.status ?? ASSUMPTIONS.defaultSubscriptionStatus),
      sourceOfStatus: optedOut ? 'PORTAL_WIDE_STATUS' : 'SUBSCRIPTION_STATUS',
      ...(record?.legalBasis ? { legalBasis: record.legalBasis } : {}),
      ...(record?.legalBasisExplanation ? { legalBasisExplanation: record.legalBasisExplanation } : {}),
    };
  });
}

function channelParam(req: Request, res: Response): Channel | undefined {
  const channel = String(req.query.channel ?? '');
  if ((ASSUMPTIONS.unsubscribeAllChannels as readonly string[]).includes(channel)) return channel as Channel;
  sendError(res, 400, 'VALIDATION_ERROR', `channel must be one of ${ASSUMPTIONS.unsubscribeAllChannels.join(', ')}`);
  return undefined;
}
