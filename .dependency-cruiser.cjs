// The floors of src/lib, highest first (docs/architecture.md, "Floors"). A module may import its own
// folder and any floor below it; folders that share a floor are peers and never import each other.
const FLOORS = [
  ['ui'],
  ['state'],
  ['model', 'import', 'bundle'],
  ['storage'],
  ['db'],
  ['sync'],
  ['labels'],
  ['formats'],
  ['spans'],
  ['learn'],
  ['domain', 'units.ts'],
];

const pathOf = (folder) => (folder === 'ui' ? '^src/(ui/|App\\.svelte$|main\\.ts$)' : `^src/lib/${folder.replace('.', '\\.')}(/|$)`);
const anyOf = (folders) => folders.map(pathOf).map((p) => `(${p})`).join('|');

const upward = FLOORS.slice(1).flatMap((floor, below) =>
  floor.map((folder) => ({
    name: `floor-${folder}`,
    comment: `${folder} imports a floor above it; move the shared part down instead`,
    severity: 'error',
    from: { path: pathOf(folder) },
    to: { path: anyOf(FLOORS.slice(0, below + 1).flat()) },
  })),
);

const peers = FLOORS.filter((floor) => floor.length > 1).flatMap((floor) =>
  floor.map((folder) => ({
    name: `peer-${folder}`,
    comment: `${folder} imports a peer on its own floor; share through a floor below`,
    severity: 'error',
    from: { path: pathOf(folder) },
    to: { path: anyOf(floor.filter((other) => other !== folder)) },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle: modules that need each other belong in one module or a floor apart',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    ...peers,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.svelte.ts', '.js', '.svelte'] },
  },
};
