/**
 * The direction of src/ (ARCHITECTURE.md "Dependency rules"). `npm run depcruise` checks it in CI.
 *
 * Every import between two folders of src/ must match one `allowed` arrow below; anything else is
 * an error ("not-in-allowed"). The `forbidden` rules name the arrows that must never come back,
 * so a violation says which rule it breaks. Unit specs (`*.spec.ts`) may assemble what they test
 * and are left out of the arrows (not of the cycle check).
 *
 * Known violations still to remove are listed in .dependency-cruiser-known-violations.json
 * (each one explained in ARCHITECTURE.md); `--ignore-known` lets CI pass on those and fail on
 * any new one.
 */

/** A folder (or folders) of src/ as a path pattern. */
const dir = (...names) => `^src/(${names.join('|')})/`;

/** Kernel, infrastructure and platform below the domain. */
const KERNEL = ['common'];
const INFRASTRUCTURE = ['config', 'logging', 'database', 'queues', 'notifications', 'health'];
const DOMAIN = ['identity', 'cases', 'deadlines', 'representation', 'connectors', 'intake', 'proofs', 'responses', 'replies', 'staff', 'public-site'];

/** folder → the folders it may import (besides itself and npm packages). Read bottom-up. */
const ARROWS = {
  common: [],
  config: ['common'],
  logging: ['config', 'common'],
  database: ['config', 'common'],
  queues: ['config', 'common'],
  audit: ['queues', 'database', 'config', 'common'],
  systems: ['config', 'common'],
  notifications: ['audit', 'systems', 'queues', 'database', 'config', 'common'],
  health: ['queues', 'database', 'config', 'common'],
  'public-site': ['systems', 'config', 'common'],
  identity: ['audit', 'database', 'config', 'common'],
  // deadlines/ outside alerts/: the calendar and deadline service, below cases.
  'deadlines-calendar': ['audit', 'database', 'config', 'common'],
  cases: ['deadlines-calendar', 'identity', 'audit', 'systems', 'queues', 'database', 'config', 'common'],
  // deadlines/alerts/ (and the module that wires them): a listener of cases, above them.
  'deadlines-alerts': ['cases', 'deadlines-calendar', 'notifications', 'queues', 'audit', 'systems', 'database', 'config', 'common'],
  representation: ['cases', 'deadlines', 'identity', 'audit', 'database', 'config', 'common'],
  connectors: ['cases', 'representation', 'identity', 'deadlines', 'systems', 'notifications', 'queues', 'audit', 'database', 'config', 'common'],
  intake: ['cases', 'representation', 'identity', 'deadlines', 'public-site', 'systems', 'notifications', 'queues', 'audit', 'database', 'config', 'common'],
  proofs: ['cases', 'identity', 'public-site', 'systems', 'notifications', 'queues', 'audit', 'database', 'config', 'common'],
  // Replies by e-mail: reads the reply mailbox, attaches replies to cases, resumes their clock.
  replies: ['cases', 'representation', 'identity', 'notifications', 'queues', 'audit', 'database', 'config', 'common'],
  responses: [
    'replies',
    'connectors',
    'cases',
    'representation',
    'identity',
    'deadlines',
    'public-site',
    'systems',
    'notifications',
    'queues',
    'audit',
    'database',
    'config',
    'common',
  ],
  // The staff face (UI, digest) sits on top; its core (auth, users, directory) is reached by
  // the others only through common/auth/.
  staff: [
    'responses',
    'replies',
    'proofs',
    'intake',
    'connectors',
    'representation',
    'cases',
    'identity',
    'deadlines',
    'public-site',
    'systems',
    'notifications',
    'queues',
    'audit',
    'health',
    'database',
    'config',
    'common',
  ],
};

/** Path pattern of a module in ARROWS (two of them share the deadlines/ folder). */
const where = (name) => {
  if (name === 'deadlines-calendar') return '^src/deadlines/(?!alerts/|deadlines\\.module\\.ts$)';
  if (name === 'deadlines-alerts') return '^src/deadlines/(alerts/|deadlines\\.module\\.ts$)';
  if (name === 'deadlines') return '^src/deadlines/';
  return dir(name);
};

const SPEC = '\\.spec\\.ts$';

module.exports = {
  allowed: [
    // npm packages and Node built-ins
    { from: {}, to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core', 'type-only'], pathNot: '^src/' } },
    // inside one folder
    { from: { path: '^src/([^/]+)/' }, to: { path: '^src/$1/' } },
    // the composition root: main, bootstrap, the app module, the HTTP app, and the worker's list of processors
    { from: { path: ['^src/[^/]+\\.ts$', '^src/worker/'] }, to: { path: '^src/' } },
    // unit specs beside the code
    { from: { path: SPEC }, to: { path: '^src/' } },
    ...Object.entries(ARROWS).map(([from, tos]) => ({
      comment: `${from} may import ${tos.join(', ') || 'nothing else'}`,
      from: { path: where(from) },
      to: { path: tos.length ? tos.map(where) : '^$' },
    })),
  ],
  allowedSeverity: 'error',

  forbidden: [
    {
      name: 'cases-not-to-faces',
      comment: 'The case aggregate knows no face or provider: not staff, intake, connectors (nor representation, responses, proofs).',
      severity: 'error',
      from: { path: '^src/cases/', pathNot: SPEC },
      to: { path: dir('staff', 'intake', 'connectors', 'representation', 'responses', 'replies', 'proofs', 'public-site') },
    },
    {
      name: 'cases-not-to-deadline-alerts',
      comment: 'cases uses the deadline calendar, never the alerts that listen to it.',
      severity: 'error',
      from: { path: '^src/cases/', pathNot: SPEC },
      to: { path: '^src/deadlines/(alerts/|deadlines\\.module\\.ts$)' },
    },
    {
      name: 'audit-not-to-domain',
      comment: 'The audit trail records what others tell it; it knows no case.',
      severity: 'error',
      from: { path: '^src/audit/', pathNot: SPEC },
      to: { path: dir(...DOMAIN, 'systems') },
    },
    {
      name: 'systems-not-to-connectors',
      comment: 'The data map is read by connectors, not the other way round.',
      severity: 'error',
      from: { path: '^src/systems/', pathNot: SPEC },
      to: { path: dir(...DOMAIN) },
    },
    {
      name: 'infrastructure-not-to-domain',
      comment: 'database, queues, notifications, config, logging and health serve the domain and never import it.',
      severity: 'error',
      from: { path: dir(...INFRASTRUCTURE), pathNot: SPEC },
      to: { path: dir(...DOMAIN) },
    },
    {
      name: 'kernel-not-up',
      comment: 'common/ is the shared kernel: it imports no other folder of src/.',
      severity: 'error',
      from: { path: dir(...KERNEL) },
      to: { path: '^src/', pathNot: dir(...KERNEL) },
    },
    {
      name: 'deadline-calendar-not-to-cases',
      comment: 'The deadline calendar sits below cases; only deadlines/alerts/ may read cases.',
      severity: 'error',
      from: { path: where('deadlines-calendar'), pathNot: SPEC },
      to: { path: dir('cases', 'staff', 'intake', 'connectors', 'responses', 'representation', 'proofs') },
    },
    {
      name: 'responses-not-to-intake',
      comment: 'The answer pages use public-site/, not the intake module.',
      severity: 'error',
      from: { path: '^src/(responses|proofs)/', pathNot: SPEC },
      to: { path: '^src/intake/' },
    },
    {
      name: 'public-site-not-up',
      comment: 'The public web shell knows none of the modules that use it.',
      severity: 'error',
      from: { path: '^src/public-site/' },
      to: { path: dir(...DOMAIN.filter((name) => name !== 'public-site')) },
    },
    {
      name: 'notifications-generic',
      comment: 'notifications/ holds no module texts: each e-mail is composed in the module that owns it.',
      severity: 'error',
      from: { path: '^src/notifications/', pathNot: SPEC },
      to: { path: dir('intake', 'cases', 'responses', 'replies', 'deadlines', 'connectors', 'staff', 'proofs', 'representation') },
    },
    {
      name: 'no-circular',
      comment: 'No file-level import cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],

  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '^src/database/migrations/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
