/**
 * Binds a server, turning the errors a user can fix (port taken, address not available) into
 * one clear line naming the flag that changes it, instead of a stack trace.
 */
import type { Server } from 'node:net';
import { UserError } from './errors';

export function listen(server: Server, port: number, host: string, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(describeListenError(err, port, host, flag));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function describeListenError(err: NodeJS.ErrnoException, port: number, host: string, flag: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new UserError('PortInUse', `port ${port} on ${host} is already in use (choose another with ${flag})`);
    case 'EACCES':
      return new UserError('PortNotAllowed', `not allowed to listen on ${host}:${port} (choose another port with ${flag})`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UserError('BadHost', `cannot listen on ${host}: no such local address (check --host)`);
    default:
      return err;
  }
}
