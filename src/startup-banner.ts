import type { FirstAdminResult } from './staff/first-admin.service';

/** The lines a person starting the service needs, printed last so no log line pushes them away. */
export function startupBanner(publicUrl: string, role: string, admin: FirstAdminResult): string {
  const lines = [
    `DSR engine is running (${role === 'all' ? 'api and worker' : role})`,
    '',
    `Staff sign-in:  ${publicUrl}/staff/login`,
    `Request form:   ${publicUrl}/`,
    `API docs:       ${publicUrl}/api/docs`,
  ];
  // Only a generated password is news to the operator; an address and password they set themselves
  // stay out of the output (it may be collected as logs).
  if (admin.status === 'created' && admin.generatedPassword) {
    lines.push(
      '',
      `First admin:    ${admin.email}`,
      `One-time password: ${admin.generatedPassword}`,
      'Shown only now. Sign in with it and choose your own password.',
    );
  }
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  return ['', `┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`, ''].join('\n') + '\n';
}
