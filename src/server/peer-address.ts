/**
 * The address of the peer of each connection, recorded when the connection arrives: a socket that
 * is reset before its request is handled has lost its remoteAddress, and a call must then be
 * refused rather than counted against a shared "unknown" client.
 */
import type { Socket } from 'node:net';

const peers = new WeakMap<Socket, string>();

export function rememberPeerAddress(socket: Socket): void {
  if (socket.remoteAddress) peers.set(socket, socket.remoteAddress);
}

/** An IPv4-mapped IPv6 address (::ffff:192.0.2.1) written as the IPv4 address it maps. */
export function unmapIPv4(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** The peer's address (IPv4-mapped IPv6 written as IPv4), or undefined when it is not known. */
export function peerAddress(socket: Socket): string | undefined {
  const address = peers.get(socket) ?? socket.remoteAddress;
  return address === undefined ? undefined : unmapIPv4(address);
}
