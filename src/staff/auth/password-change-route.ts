import { SetMetadata } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';

export const PASSWORD_CHANGE_ROUTE_KEY = 'staff:passwordChangeRoute';

/** Open to a user who must change their password first: the change form and API, and sign-out. */
export const PasswordChangeRoute = () => SetMetadata(PASSWORD_CHANGE_ROUTE_KEY, true);

/** Where a staff page sends a user who must change their password. */
export const PASSWORD_CHANGE_PAGE = '/staff/account';

export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';

/** 403 with the stable code `password_change_required`; staff pages turn it into a redirect to the form. */
export const passwordChangeRequired = () =>
  new DomainError('forbidden', 'Change your password first: POST /api/v1/auth/password with the current and a new password.', undefined, {
    code: PASSWORD_CHANGE_REQUIRED,
  });

export const isPasswordChangeRequired = (error: unknown): boolean => error instanceof DomainError && error.refusal?.code === PASSWORD_CHANGE_REQUIRED;
