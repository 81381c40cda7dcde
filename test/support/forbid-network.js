// Preloaded with `node --require` in tests: any attempt to open a connection, resolve a name
// or fetch is recorded to PPR_NETWORK_LOG and fails, so a test can prove nothing was attempted.
// Starting a process is refused the same way, but for the git subcommands a test allows.
'use strict';
const fs = require('node:fs');
const log = process.env.PPR_NETWORK_LOG;

function forbid(what) {
  return function forbidden() {
    if (log) fs.appendFileSync(log, `${what}\n`);
    throw new Error(`network access attempted: ${what}`);
  };
}

const net = require('node:net');
net.connect = net.createConnection = forbid('net.connect');
net.Socket.prototype.connect = forbid('net.Socket.connect');
const tls = require('node:tls');
tls.connect = forbid('tls.connect');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[name] = forbid(`dns.${name}`);
dns.promises.lookup = forbid('dns.promises.lookup');
dns.promises.resolve = forbid('dns.promises.resolve');
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = forbid(`${mod}.request`);
  m.get = forbid(`${mod}.get`);
}
const dgram = require('node:dgram');
dgram.createSocket = forbid('dgram.createSocket');
globalThis.fetch = forbid('fetch');
// Processes: none, except `git` with a subcommand PPR_ALLOWED_GIT lists (comma-separated), started
// by `spawn` without a shell; each one allowed is recorded to PPR_SPAWN_LOG as `git <subcommand>`.
const childProcess = require('node:child_process');
const allowedGit = new Set((process.env.PPR_ALLOWED_GIT || '').split(',').filter(Boolean));
const spawnLog = process.env.PPR_SPAWN_LOG;
const realSpawn = childProcess.spawn;
/** The subcommand of a git argument list: the first argument past the global options. */
function gitSubcommand(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++;
    else if (!String(args[i]).startsWith('-')) return String(args[i]);
  }
  return undefined;
}
for (const name of ['exec', 'execFile', 'fork', 'execSync', 'execFileSync', 'spawnSync']) childProcess[name] = forbid(`child_process.${name}`);
childProcess.spawn = function spawn(command, args, options) {
  const list = Array.isArray(args) ? args : [];
  const opts = Array.isArray(args) ? options : args;
  const sub = gitSubcommand(list);
  if (command !== 'git' || !sub || !allowedGit.has(sub) || (opts && opts.shell)) {
    return forbid(`child_process.spawn ${command} ${list.join(' ')}${opts && opts.shell ? ' (shell)' : ''}`)();
  }
  if (spawnLog) fs.appendFileSync(spawnLog, `git ${sub}\n`);
  return realSpawn.apply(this, arguments);
};
