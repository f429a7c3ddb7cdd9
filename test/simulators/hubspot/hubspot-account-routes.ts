import { DateTime } from 'luxon';
import { type Request, type Response, Router } from 'express';

export interface SimulatedAccount {
  portalId: number;
  /** IANA name as HubSpot returns it, e.g. "US/Eastern" or "Europe/Oslo". */
  timeZone: string;
  companyCurrency: string;
}

/** `GET /account-info/v3/details`: the account's id, time zone (with its current UTC offset) and currency. */
export function accountRoutes(account: SimulatedAccount, now: () => number): Router {
  const router = Router();
  router.get('/account-info/v3/details', (_req: Request, res: Response) => {
    const offsetMinutes = DateTime.fromMillis(now(), { zone: account.timeZone }).offset;
    res.json({
      portalId: account.portalId,
      accountType: 'STANDARD',
      timeZone: account.timeZone,
      companyCurrency: account.companyCurrency,
      additionalCurrencies: [],
      utcOffset: formatOffset(offsetMinutes),
      utcOffsetMilliseconds: offsetMinutes * 60_000,
      uiDomain: 'app-eu1.hubspot.com',
      dataHostingLocation: 'eu1',
    });
  });
  return router;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
