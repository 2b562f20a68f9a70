// electron-builder configuration of Ketenlens (`npm run package`). The app is two bundles
// (dist/electron: main + preload, dist-web: the renderer); no node_modules are shipped, as
// esbuild and Vite have bundled everything. Fuses switch off the ways to run the binary as
// a plain Node or to inject code (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, an
// unpacked app folder, file:// privileges). See docs/ELECTRON.md.
/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: 'nl.ketenlens.app',
  productName: 'Ketenlens',
  copyright: 'EUPL-1.2',
  directories: { output: 'release' },
  files: ['package.json', 'dist/electron/**/*', 'dist-web/**/*', '!**/*.map', '!node_modules/**/*'],
  extraMetadata: { main: 'dist/electron/main.cjs' },
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  // Only the last extension counts for Windows and Linux desktops, so *.snapshot.age
  // files are associated through '.age'.
  fileAssociations: [
    {
      ext: 'age',
      name: 'Ketenlens snapshot',
      description: 'Encrypted Ketenlens snapshot (*.snapshot.age)',
      mimeType: 'application/x-ketenlens-snapshot',
      role: 'Viewer',
    },
  ],
  linux: { target: ['AppImage', 'deb'], category: 'Office', executableName: 'ketenlens' },
  deb: { packageCategory: 'misc' },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', hardenedRuntime: true },
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    // Validated on macOS and Windows; Electron has no asar integrity check on Linux, where
    // the fuse is inert (docs/ELECTRON.md).
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
};
