// The demo is what a newcomer runs first, and loading the CLI (TypeScript through tsx, PGlite,
// xstate) takes seconds on a busy machine: say something before that, from this small module,
// then load the rest.
if (process.argv[2] === 'demo') {
  const zh = !/^en\b|^en_/i.test(process.env.LC_ALL || process.env.LANG || '');
  process.stderr.write(zh ? '正在启动 tongban 演示…\n' : 'starting the tongban demo…\n');
}
const { runCli } = await import('./program.js');

process.exitCode = await runCli(process.argv.slice(2));
