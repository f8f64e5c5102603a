// Runs the cdk8s-netpol CLI (the compiled entry given first) in this process with the arguments that
// follow, then reports on file descriptor 3 what the whole process used: CPU time (user and system, all
// threads, start-up included) and peak resident memory. Used by bench/commands.ts.
'use strict';
const fs = require('fs');
const started = process.argv[2] === '--node-only';
let code = 0;
if (!started) {
  const { run } = require(process.argv[2]);
  code = run(process.argv.slice(3));
}
const cpu = process.cpuUsage();
fs.writeSync(3, JSON.stringify({ code, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
process.exitCode = code;
