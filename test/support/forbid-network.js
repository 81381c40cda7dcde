// Preloaded with `node --require` in tests: any attempt to open a connection, resolve a name
// or fetch is recorded to PPR_NETWORK_LOG and fails, so a test can prove nothing was attempted.
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
const childProcess = require('node:child_process');
for (const name of ['exec', 'execFile', 'spawn', 'fork', 'execSync', 'execFileSync', 'spawnSync']) childProcess[name] = forbid(`child_process.${name}`);
