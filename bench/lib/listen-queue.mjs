// The kernel's side of 1,000 connections opening at once: the accept-queue cap and its overflow counter (Linux).
import { readFileSync } from "node:fs";

const read = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

/** `net.core.somaxconn`, the cap the kernel puts on any listen backlog; undefined off Linux. */
export function somaxconn() {
  const text = read("/proc/sys/net/core/somaxconn");
  return text === undefined ? undefined : Number(text.trim());
}

/**
 * The kernel's count of handshakes dropped because a listen queue was full (`TcpExt: ListenOverflows`), for the
 * whole machine; undefined off Linux. The load bench reads it around each round to show its servers' queues hold.
 */
export function listenOverflows() {
  const lines = read("/proc/net/netstat")?.split("\n") ?? [];
  for (let index = 0; index + 1 < lines.length; index += 2) {
    const names = lines[index].split(/\s+/);
    if (names[0] !== "TcpExt:") continue;
    const column = names.indexOf("ListenOverflows");
    return column === -1 ? undefined : Number(lines[index + 1].split(/\s+/)[column]);
  }
  return undefined;
}
