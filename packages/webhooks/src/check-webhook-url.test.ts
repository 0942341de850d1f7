import { JobError } from "@jobkit/functions";
import { describe, expect, it, vi } from "vitest";
import { checkWebhookUrl, type WebhookResolver } from "./check-webhook-url";
import type { AddressClass } from "./classify-address";
import { WebhookError, type WebhookErrorReason } from "./webhook-error";

const systemLookup = vi.hoisted(() => vi.fn());
vi.mock("node:dns/promises", () => ({ lookup: systemLookup }));

// No test ever asks a real DNS server: names resolve through this table only.
const dnsTable: Record<string, readonly string[]> = {
  "hooks.example.com": ["93.184.215.14"],
  "v6.example.com": ["2606:4700::6810:84e5"],
  "both.example.com": ["93.184.215.14", "2606:4700::6810:84e5"],
  "internal.example.com": ["10.0.0.5"],
  "metadata.example.com": ["169.254.169.254"],
  "mixed.example.com": ["93.184.215.14", "10.0.0.5"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
  "ula.example.com": ["fd00::1"],
  "cgnat.example.com": ["100.64.1.1"],
  "zero.example.com": ["0.0.0.0"],
  "loop.example.com": ["127.0.0.1"],
  localhost: ["127.0.0.1"],
  "hooks.internal.example": ["10.1.2.3"],
  "a.corp.example": ["10.9.9.9"],
};

const resolve: WebhookResolver = async (hostname) => {
  const addresses = dnsTable[hostname];
  if (addresses === undefined)
    throw Object.assign(new Error(`${hostname} is not in the test table`), { code: "ENOTFOUND" });
  return addresses;
};

async function refusal(url: string, options = {}) {
  try {
    await checkWebhookUrl(url, { resolve, ...options });
  } catch (error) {
    if (error instanceof WebhookError && error.code === "invalid-url")
      return { reason: error.reason, class: error.addressClass };
    throw error;
  }
  return "allowed";
}

describe("checkWebhookUrl: the SSRF table", () => {
  const table: [string, "allowed" | { reason: WebhookErrorReason; class?: AddressClass }][] = [
    ["https://hooks.example.com/acme", "allowed"],
    ["https://hooks.example.com:8443/acme?x=1", "allowed"],
    ["https://v6.example.com/", "allowed"],
    ["https://both.example.com/", "allowed"],
    ["https://93.184.215.14/hook", "allowed"],
    ["https://[2606:4700:4700::1111]/hook", "allowed"],
    ["http://hooks.example.com/acme", { reason: "scheme" }],
    ["ftp://hooks.example.com/acme", { reason: "scheme" }],
    ["file:///etc/passwd", { reason: "scheme" }],
    ["gopher://127.0.0.1:6379/_INFO", { reason: "scheme" }],
    ["https://user:pass@hooks.example.com/", { reason: "credentials" }],
    ["not a url", { reason: "malformed" }],
    ["https://127.0.0.1/", { reason: "address", class: "loopback" }],
    ["https://127.1/", { reason: "address", class: "loopback" }],
    ["https://2130706433/", { reason: "address", class: "loopback" }],
    ["https://0x7f000001/", { reason: "address", class: "loopback" }],
    ["https://0177.0.0.1/", { reason: "address", class: "loopback" }],
    ["https://127.0.0.1./", { reason: "address", class: "loopback" }],
    ["https://127.000.000.001/", { reason: "address", class: "loopback" }],
    ["https://%31%32%37.0.0.1/", { reason: "address", class: "loopback" }],
    ["https://①②⑦.0.0.1/", { reason: "address", class: "loopback" }],
    ["https://localhost/", { reason: "address", class: "loopback" }],
    ["https://LocalHost./", { reason: "address", class: "loopback" }],
    ["https://api.localhost/", { reason: "address", class: "loopback" }],
    ["https://[::1]/", { reason: "address", class: "loopback" }],
    ["https://[::ffff:127.0.0.1]/", { reason: "address", class: "loopback" }],
    ["https://10.0.0.5/", { reason: "address", class: "private" }],
    ["https://192.168.0.1/", { reason: "address", class: "private" }],
    ["https://172.16.5.4/", { reason: "address", class: "private" }],
    ["https://[fd00::1]/", { reason: "address", class: "private" }],
    ["https://169.254.169.254/latest/meta-data/", { reason: "address", class: "metadata" }],
    ["https://2852039166/latest/meta-data/", { reason: "address", class: "metadata" }],
    ["https://0xa9fea9fe/", { reason: "address", class: "metadata" }],
    ["https://[::ffff:169.254.169.254]/", { reason: "address", class: "metadata" }],
    ["https://[fd00:ec2::254]/", { reason: "address", class: "metadata" }],
    ["https://metadata.google.internal/computeMetadata/v1/", { reason: "address", class: "metadata" }],
    ["https://169.254.10.10/", { reason: "address", class: "link-local" }],
    ["https://[fe80::1]/", { reason: "address", class: "link-local" }],
    ["https://100.64.0.1/", { reason: "address", class: "carrier-nat" }],
    ["https://0.0.0.0/", { reason: "address", class: "unspecified" }],
    ["https://[::]/", { reason: "address", class: "unspecified" }],
    ["https://224.0.0.1/", { reason: "address", class: "multicast" }],
    ["https://[ff02::1]/", { reason: "address", class: "multicast" }],
    ["https://240.0.0.1/", { reason: "address", class: "reserved" }],
    ["https://internal.example.com/", { reason: "address", class: "private" }],
    ["https://metadata.example.com/", { reason: "address", class: "metadata" }],
    ["https://mixed.example.com/", { reason: "address", class: "private" }],
    ["https://mapped.example.com/", { reason: "address", class: "loopback" }],
    ["https://ula.example.com/", { reason: "address", class: "private" }],
    ["https://cgnat.example.com/", { reason: "address", class: "carrier-nat" }],
    ["https://zero.example.com/", { reason: "address", class: "unspecified" }],
  ];

  it.each(table)("%s → %j", async (url, expected) => {
    expect(await refusal(url)).toEqual(
      expected === "allowed" ? "allowed" : { class: undefined, ...expected },
    );
  });
});

describe("checkWebhookUrl", () => {
  it("returns the vetted address to connect to, the first one resolved", async () => {
    const checked = await checkWebhookUrl("https://both.example.com/acme", { resolve });
    expect(checked).toMatchObject({
      hostname: "both.example.com",
      address: "93.184.215.14",
      family: 4,
      addresses: ["93.184.215.14", "2606:4700::6810:84e5"],
    });
  });

  it("uses the system resolver by default, asking for every address", async () => {
    systemLookup.mockResolvedValueOnce([
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ]);
    const error = await checkWebhookUrl("https://hooks.example.com/").catch((caught: unknown) => caught);
    expect(systemLookup).toHaveBeenCalledWith("hooks.example.com", { all: true, verbatim: true });
    expect(error).toMatchObject({ address: "10.0.0.5", addressClass: "private" });
  });

  it("does not resolve IP literals, and normalises odd spellings to the address it connects to", async () => {
    const resolver = vi.fn(resolve);
    const checked = await checkWebhookUrl("https://1572394766/", { resolve: resolver });
    expect(checked.address).toBe("93.184.215.14");
    expect(resolver).not.toHaveBeenCalled();
  });

  it("refuses localhost by name before resolving it", async () => {
    const resolver = vi.fn(resolve);
    await expect(checkWebhookUrl("https://localhost:3000/", { resolve: resolver })).rejects.toMatchObject({
      code: "invalid-url",
    });
    expect(resolver).not.toHaveBeenCalled();
  });

  it("says what was refused and what is expected, without the query string", async () => {
    const error = (await checkWebhookUrl("https://internal.example.com/hook?token=s3cr3t", { resolve }).catch(
      (caught: unknown) => caught,
    )) as WebhookError;
    expect(error.message).toBe(
      [
        'Refused webhook URL https://internal.example.com/hook?(redacted): host "internal.example.com" resolves to 10.0.0.5, a private address',
        "  expected: a host on the public internet; for tests and intranets see allowPrivateNetworks and allowHosts",
      ].join("\n"),
    );
    expect(error).toMatchObject({
      hostname: "internal.example.com",
      address: "10.0.0.5",
      addressClass: "private",
    });
  });

  it("allows http: only with allowHttp", async () => {
    await expect(refusal("http://hooks.example.com/", { allowHttp: true })).resolves.toBe("allowed");
  });

  it("allows loopback, private, link-local and carrier-NAT addresses with allowPrivateNetworks", async () => {
    const options = { allowPrivateNetworks: true };
    for (const url of [
      "https://127.0.0.1/",
      "https://localhost/",
      "https://10.0.0.5/",
      "https://[fd00::1]/",
      "https://169.254.10.10/",
      "https://cgnat.example.com/",
    ]) {
      expect(await refusal(url, options), url).toBe("allowed");
    }
  });

  it("keeps refusing metadata, multicast, unspecified and reserved addresses with allowPrivateNetworks", async () => {
    const options = { allowPrivateNetworks: true };
    expect(await refusal("https://169.254.169.254/", options)).toMatchObject({ class: "metadata" });
    expect(await refusal("https://metadata.example.com/", options)).toMatchObject({ class: "metadata" });
    expect(await refusal("https://0.0.0.0/", options)).toMatchObject({ class: "unspecified" });
    expect(await refusal("https://224.0.0.1/", options)).toMatchObject({ class: "multicast" });
    expect(await refusal("https://240.0.0.1/", options)).toMatchObject({ class: "reserved" });
  });

  it("trusts allowHosts names whatever they resolve to, and wildcards for subdomains only", async () => {
    const options = { allowHosts: ["hooks.internal.example", "*.corp.example"] };
    expect(await refusal("https://hooks.internal.example/", options)).toBe("allowed");
    expect(await refusal("https://a.corp.example/", options)).toBe("allowed");
    expect(await refusal("https://internal.example.com/", options)).toMatchObject({ class: "private" });
  });

  it("allows exactly the addresses and ranges in allowHosts", async () => {
    const options = { allowHosts: ["10.0.0.0/24", "[fd00::1]"] };
    expect(await refusal("https://10.0.0.5/", options)).toBe("allowed");
    expect(await refusal("https://internal.example.com/", options)).toBe("allowed");
    expect(await refusal("https://[fd00::1]/", options)).toBe("allowed");
    expect(await refusal("https://10.0.1.5/", options)).toMatchObject({ class: "private" });
    expect(await refusal("https://[fd00::2]/", options)).toMatchObject({ class: "private" });
  });

  it("reports a name that does not resolve as a retriable dns error", async () => {
    const error = await checkWebhookUrl("https://nowhere.example.com/", { resolve }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toMatchObject({
      code: "request-failed",
      reason: "dns",
      message: expect.stringContaining("ENOTFOUND"),
    });
  });

  it("refuses a resolver answer that is not an IP address", async () => {
    const error = await checkWebhookUrl("https://hooks.example.com/", {
      resolve: async () => ["hooks.evil"],
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "request-failed",
      reason: "dns",
      message: expect.stringContaining("not an IP address"),
    });
  });

  it.each([
    [["10.0.0.0/33"], "allowHosts[0]"],
    [["hooks.example.com", ""], "allowHosts[1]"],
    [["bad host!"], "allowHosts[0]"],
  ])("rejects the allowHosts entry %j with JobError at %s", async (allowHosts, path) => {
    const checked = checkWebhookUrl("https://hooks.example.com/", { allowHosts, resolve });
    await expect(checked).rejects.toBeInstanceOf(JobError);
    await expect(checked).rejects.toMatchObject({ path });
  });
});
