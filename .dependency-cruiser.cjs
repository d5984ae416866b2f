/**
 * The dependency rules of DESIGN.md §2, checked by `pnpm lint` (dependency-cruiser).
 * Paths are resolved files, so a deep relative import across packages is caught as
 * surely as an import by package name. See docs/decisions/0009-dependency-rules-by-tool.md.
 */

/** Test code may reach for node:* and test helpers; the rules below are about what ships. */
const testFiles = '(\\.test\\.tsx?|\\.spec\\.ts)$';

const folders = { shared: 'packages/shared', engine: 'packages/engine', stats: 'packages/stats', db: 'packages/db', providers: 'packages/providers', server: 'apps/server', studio: 'apps/studio', bench: 'bench', e2e: 'e2e' };

/**
 * Matches one of our packages whether the import resolved to its files (by name or by a relative
 * path) or did not resolve at all (an undeclared `@tandem/<name>`).
 */
const ours = (...names) => [
  `^(${names.map((name) => folders[name]).join('|')})/`,
  `^@tandem/(${names.join('|')})(/|$)`,
];

/** npm packages the engine may use at run time: pure JavaScript that also runs in a browser. */
const enginePackages = ['zod', 'ajv', 'ajv-formats', 're2js'];

module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment: 'The engine runs in the browser too: no node:* modules (DESIGN.md §2).',
      severity: 'error',
      from: { path: '^packages/engine/src', pathNot: testFiles },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-depends-only-on-shared',
      comment: 'Of our packages the engine knows only @tandem/shared (DESIGN.md §2).',
      severity: 'error',
      from: { path: '^packages/engine/' },
      to: { path: ours('db', 'providers', 'server', 'studio', 'bench', 'e2e') },
    },
    {
      name: 'engine-libraries-are-pure',
      comment: `At run time the engine uses only ${enginePackages.join(', ')}, which run in a browser too (type-only imports, e.g. of the model spec, are fine).`,
      severity: 'error',
      from: { path: '^packages/engine/src', pathNot: testFiles },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
        pathNot: [`node_modules/\\.pnpm/(${enginePackages.join('|')})@`, `node_modules/(${enginePackages.join('|')})/`],
      },
    },
    {
      name: 'stats-is-pure',
      comment: 'The statistics run in the browser too: no node:* modules (ADR 15).',
      severity: 'error',
      from: { path: '^packages/stats/src', pathNot: testFiles },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'stats-depends-only-on-shared',
      comment: 'Of our packages the statistics know only @tandem/shared; the server, the CLI and the studio call them.',
      severity: 'error',
      from: { path: '^packages/stats/' },
      to: { path: ours('engine', 'db', 'providers', 'server', 'studio', 'bench', 'e2e') },
    },
    {
      name: 'stats-libraries-are-stdlib',
      comment: 'At run time the statistics use only @stdlib packages (and @tandem/shared), which run in a browser too.',
      severity: 'error',
      from: { path: '^packages/stats/src', pathNot: testFiles },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
        pathNot: ['node_modules/\\.pnpm/@stdlib\\+', 'node_modules/@stdlib/', '^packages/shared/'],
      },
    },
    {
      name: 'shared-depends-on-nothing-of-ours',
      comment: 'Wire contracts are the bottom of the graph.',
      severity: 'error',
      from: { path: '^packages/shared/' },
      to: { path: ours('engine', 'db', 'providers', 'server', 'studio', 'bench', 'e2e') },
    },
    {
      name: 'db-does-not-know-providers',
      comment: 'The server wires storage and models; neither knows the other (DESIGN.md §2).',
      severity: 'error',
      from: { path: '^packages/db/' },
      to: { path: ours('providers') },
    },
    {
      name: 'providers-do-not-know-db',
      comment: 'The server wires storage and models; neither knows the other (DESIGN.md §2).',
      severity: 'error',
      from: { path: '^packages/providers/' },
      to: { path: ours('db') },
    },
    {
      name: 'db-does-not-know-the-engine',
      comment: 'Storage keeps documents and events as written; upgrading and folding them is the engine\'s job, called by the server.',
      severity: 'error',
      from: { path: '^packages/db/' },
      to: { path: ours('engine') },
    },
    {
      name: 'providers-use-engine-types-only',
      comment: 'Providers implement the engine\'s ports; they import its types, never its code (tests may).',
      severity: 'error',
      from: { path: '^packages/providers/src', pathNot: testFiles },
      to: { path: ours('engine'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'studio-never-imports-db-or-providers',
      comment: 'Keys and SQL stay on the server; the studio talks to it over HTTP (DESIGN.md §2).',
      severity: 'error',
      from: { path: '^apps/studio/' },
      to: { path: ours('db', 'providers') },
    },
    {
      name: 'studio-imports-server-types-only',
      comment: 'The studio may share the server\'s route types, never its code.',
      severity: 'error',
      from: { path: '^apps/studio/' },
      to: { path: ours('server'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'packages-do-not-import-apps',
      comment: 'Dependencies point one way: apps → packages.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: ours('server', 'studio', 'bench', 'e2e') },
    },
    {
      name: 'declared-dependencies-only',
      comment: 'Every package a module imports is declared in its own package.json (nothing works only because it was hoisted).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'unknown'] },
    },
    {
      name: 'no-circular',
      comment: 'Module cycles make load order matter and hide layering mistakes. The inspector\'s field renderers recurse through nested schemas by design.',
      severity: 'error',
      from: { pathNot: '^apps/studio/src/inspector/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(apps/[^/]+/dist|e2e/(test-results|playwright-report))/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
