/**
 * The stand-in's single-instance lock, shaped like Chromium's: a lock file in the user data folder
 * naming the owner's pid, and a local socket the owner listens on, over which a second instance
 * hands over its argv, cwd and additionalData before it is told to exit.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

function lockFile(userData) {
  return join(userData, 'SingletonLock');
}

function socketPath(userData) {
  return process.platform === 'win32' ? `\\\\.\\pipe\\perpdesk-standin-${Buffer.from(userData).toString('hex').slice(-40)}` : join(userData, 'SingletonSocket');
}

function ownerAlive(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Takes the lock for `userData`, or hands this launch over to its owner. Returns
 * `{ owner: true, release }` for the first instance and `{ owner: false, handedOver }` otherwise.
 */
export function takeLock(userData, onSecondInstance, handover) {
  const file = lockFile(userData);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (ownerAlive(file)) return { owner: false, handedOver: handOver(userData, handover) };
      rmSync(file, { force: true }); // a stale lock from a process that died
      continue;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    const path = socketPath(userData);
    if (process.platform !== 'win32') rmSync(path, { force: true });
    const server = createServer((socket) => {
      const chunks = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => {
        try {
          onSecondInstance(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } finally {
          socket.end();
        }
      });
    });
    server.listen(path);
    server.unref(); // the lock never keeps the app alive by itself
    return {
      owner: true,
      release: () => {
        server.close();
        rmSync(file, { force: true });
        if (process.platform !== 'win32') rmSync(path, { force: true });
      },
    };
  }
  return { owner: false, handedOver: Promise.resolve(false) };
}

function handOver(userData, handover) {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath(userData), () => socket.end(JSON.stringify(handover)));
    socket.on('close', () => resolve(true));
    socket.on('error', () => resolve(false));
  });
}
