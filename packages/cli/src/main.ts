// The demo is what a newcomer runs first, and loading the CLI (TypeScript through tsx, PGlite,
// xstate) takes seconds on a busy machine: say something before that, from this small module,
// then load the rest.
if (process.argv[2] === 'demo') {
  // The same choice as resolveLang, without loading it: --lang, else LANG/LC_ALL, else Chinese.
  const args = process.argv.slice(3);
  const at = args.indexOf('--lang');
  const flag = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  const zh =
    flag !== undefined ? flag !== 'en' : !/^en\b|^en_/i.test(process.env.LC_ALL || process.env.LANG || '');
  process.stderr.write(zh ? '正在启动 tongban 演示…\n' : 'starting the tongban demo…\n');
}
const { runCli } = await import('./program.js');

process.exitCode = await runCli(process.argv.slice(2));
