import { isIPv4, isIPv6 } from "node:net";

/**
 * What an IP address reaches, as the SSRF guard sees it: `"public"` is the internet; every other class is
 * refused by default.
 *
 * - `loopback`: `127.0.0.0/8`, `::1`, and `localhost` names.
 * - `private`: `10/8`, `172.16/12`, `192.168/16`, IPv6 unique-local `fc00::/7` and site-local `fec0::/10`.
 * - `link-local`: `169.254/16`, `fe80::/10`.
 * - `carrier-nat`: `100.64.0.0/10` (shared address space).
 * - `multicast`: `224.0.0.0/4`, `ff00::/8`.
 * - `unspecified`: `0.0.0.0/8`, `::` (connecting to them reaches the local host).
 * - `reserved`: documentation, benchmarking, protocol-assignment and future-use ranges, broadcast, and IPv6
 *   outside global unicast `2000::/3`.
 * - `metadata`: cloud instance metadata endpoints (`169.254.169.254`, `fd00:ec2::254`, …).
 */
export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "carrier-nat"
  | "multicast"
  | "unspecified"
  | "reserved"
  | "metadata";

/** An IP address parsed into its bytes: 4 for IPv4, 16 for IPv6. */
export interface ParsedAddress {
  readonly family: 4 | 6;
  readonly bytes: readonly number[];
  /** The canonical text: dotted quad, or IPv6 as `net` prints it, without brackets or zone. */
  readonly text: string;
}

/**
 * Parses an IP address in any spelling a URL host may use: dotted quad, the WHATWG forms a URL parser
 * turns into one (`2130706433`, `0x7f000001`, `127.1`, `0177.0.0.1`), and IPv6 with or without brackets,
 * an embedded IPv4 tail or a zone. Returns `undefined` for anything that is not an IP address.
 */
export function parseAddress(input: string): ParsedAddress | undefined {
  let text = input.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  if (isIPv6(text)) return parseIPv6(text);
  if (isIPv4(text)) return parseIPv4(text);
  // A URL parser normalises every IPv4 spelling browsers accept; a name stays a name.
  if (!/^[0-9a-fx.]+$/i.test(text)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${text}/`).hostname;
  } catch {
    return undefined;
  }
  return isIPv4(host) ? parseIPv4(host) : undefined;
}

function parseIPv4(text: string): ParsedAddress {
  const bytes = text.split(".").map((part) => Number(part));
  return { family: 4, bytes, text: bytes.join(".") };
}

function parseIPv6(text: string): ParsedAddress {
  let head = text;
  const tail: number[] = [];
  const lastColon = head.lastIndexOf(":");
  const last = head.slice(lastColon + 1);
  if (last.includes(".")) {
    const v4 = parseIPv4(last).bytes;
    tail.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const [left = "", right] = head.split("::");
  const leftGroups = left === "" ? [] : left.split(":");
  const rightGroups = right === undefined || right === "" ? [] : right.split(":");
  const missing = 8 - leftGroups.length - rightGroups.length;
  const groups = [
    ...leftGroups,
    ...(right === undefined ? [] : Array.from({ length: missing }, () => "0")),
    ...rightGroups,
  ].map((group) => Number.parseInt(group, 16));
  if (tail.length === 2) groups.splice(6, 2, tail[0] ?? 0, tail[1] ?? 0);
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  return { family: 6, bytes, text: formatIPv6(groups) };
}

function formatIPv6(groups: readonly number[]): string {
  // Shorten the longest run of zero groups (RFC 5952), as `net` and URL parsers print addresses.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

interface Range {
  readonly bytes: readonly number[];
  readonly prefix: number;
  readonly class: AddressClass;
}

function range(cidr: string, addressClass: AddressClass): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  const parsed = parseAddress(address);
  if (parsed === undefined) throw new Error(`bad built-in range ${cidr}`);
  return { bytes: parsed.bytes, prefix: Number(prefix), class: addressClass };
}

/** Whether `bytes` fall within the first `prefix` bits of `network`. */
export function inPrefix(bytes: readonly number[], network: readonly number[], prefix: number): boolean {
  if (bytes.length !== network.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const remaining = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - remaining)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
  }
  return true;
}

const metadataAddresses = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack, DigitalOcean, …
  "169.254.170.2", // AWS ECS task metadata
  "169.254.169.253", // AWS VPC DNS
  "100.100.100.200", // Alibaba Cloud
  "192.0.0.192", // Oracle Cloud
  "168.63.129.16", // Azure wire server (a public-looking address on the host)
  "fd00:ec2::254", // AWS IPv6
  "fd00:ec2::23", // AWS IPv6 DNS
  "fd20:ce::254", // GCP IPv6
]);

interface RangeTables {
  /** Most specific first: the first match wins. */
  readonly ipv4: readonly Range[];
  readonly ipv6: readonly Range[];
  /** IPv6 ranges that carry an IPv4 address, and where: mapped, translated, NAT64 and 6to4. */
  readonly embedding: readonly { readonly range: Range; readonly offset: number }[];
}

let tables: RangeTables | undefined;

/** The built-in ranges, parsed on first use: an app that never classifies an address never builds them. */
function rangeTables(): RangeTables {
  tables ??= {
    ipv4: [
      range("0.0.0.0/8", "unspecified"),
      range("10.0.0.0/8", "private"),
      range("100.64.0.0/10", "carrier-nat"),
      range("127.0.0.0/8", "loopback"),
      range("169.254.0.0/16", "link-local"),
      range("172.16.0.0/12", "private"),
      range("192.0.0.0/24", "reserved"),
      range("192.0.2.0/24", "reserved"),
      range("192.88.99.0/24", "reserved"),
      range("192.168.0.0/16", "private"),
      range("198.18.0.0/15", "reserved"),
      range("198.51.100.0/24", "reserved"),
      range("203.0.113.0/24", "reserved"),
      range("224.0.0.0/4", "multicast"),
      range("240.0.0.0/4", "reserved"),
    ],
    ipv6: [
      range("::/128", "unspecified"),
      range("::1/128", "loopback"),
      range("64:ff9b:1::/48", "private"),
      range("100::/64", "reserved"),
      range("2001::/23", "reserved"),
      range("2001:db8::/32", "reserved"),
      range("3fff::/20", "reserved"),
      range("5f00::/16", "reserved"),
      range("fc00::/7", "private"),
      range("fe80::/10", "link-local"),
      range("fec0::/10", "private"),
      range("ff00::/8", "multicast"),
      range("2000::/3", "public"),
    ],
    embedding: [
      { range: range("::ffff:0:0/96", "reserved"), offset: 12 },
      { range: range("::ffff:0:0:0/96", "reserved"), offset: 12 },
      { range: range("64:ff9b::/96", "reserved"), offset: 12 },
      { range: range("2002::/16", "reserved"), offset: 2 },
    ],
  };
  return tables;
}

function classifyParsed(parsed: ParsedAddress): AddressClass {
  if (metadataAddresses.has(parsed.text)) return "metadata";
  const { ipv4, ipv6, embedding } = rangeTables();
  if (parsed.family === 4) {
    return ipv4.find((entry) => inPrefix(parsed.bytes, entry.bytes, entry.prefix))?.class ?? "public";
  }
  for (const { range: carrier, offset } of embedding) {
    if (inPrefix(parsed.bytes, carrier.bytes, carrier.prefix)) {
      const v4 = parsed.bytes.slice(offset, offset + 4);
      return classifyParsed({ family: 4, bytes: v4, text: v4.join(".") });
    }
  }
  // Everything else outside 2000::/3 (IPv4-compatible `::a.b.c.d` included) is unassigned or special.
  return ipv6.find((entry) => inPrefix(parsed.bytes, entry.bytes, entry.prefix))?.class ?? "reserved";
}

/**
 * Classifies an IP address (any spelling parseAddress accepts, IPv4-mapped IPv6 and 6to4 by the
 * IPv4 address inside); returns `undefined` for a string that is not an IP address.
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const parsed = parseAddress(address);
  return parsed === undefined ? undefined : classifyParsed(parsed);
}
