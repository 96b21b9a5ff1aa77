// Child-process entry of the bench LMS (BENCH_LMS=child): starts bench/passback/lms-app.ts
// on a loopback port and prints "LMS_READY <base URL>". It exits when the driver closes its
// stdin (the driver ended, however it ended) or on SIGTERM.
import { startLms } from './lms-app';

async function main(): Promise<void> {
  const toolUrl = process.env.BENCH_TOOL_URL;
  if (!toolUrl) throw new Error('BENCH_TOOL_URL is required');
  const { base, server } = await startLms({ toolUrl });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`LMS_READY ${base}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench LMS failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
