#!/usr/bin/env -S npx tsx
// fieldlabel's command-line entry point (`npm run fieldlabel -- <command> …`).
import { processIo } from './io';
import { runCli } from './run';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
