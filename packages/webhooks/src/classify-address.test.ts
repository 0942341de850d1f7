import { describe, expect, it } from "vitest";
import { type AddressClass, classifyAddress, parseAddress } from "./classify-address";

describe("classifyAddress", () => {
  const table: [string, AddressClass][] = [
    ["93.184.215.14", "public"],
    ["8.8.8.8", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["168.63.129.16", "metadata"],
    ["100.64.0.1", "carrier-nat"],
    ["100.127.255.255", "carrier-nat"],
    ["100.128.0.1", "public"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd00::1", "private"],
    ["fc00::1", "private"],
    ["fec0::1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:10.0.0.5", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::a00:5", "private"],
    ["64:ff9b::808:808", "public"],
    ["2002:7f00:1::", "loopback"],
    ["2002:a9fe:a9fe::1", "metadata"],
    ["::127.0.0.1", "reserved"],
    ["1::1", "reserved"],
  ];

  it.each(table)("classifies %s as %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    ["2130706433", "loopback"],
    ["0x7f000001", "loopback"],
    ["127.1", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["0x7f.0.0.1", "loopback"],
    ["2852039166", "metadata"],
    ["0xa9fea9fe", "metadata"],
    ["167772165", "private"],
  ] as const)("reads the odd IPv4 spelling %s as %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each(["hooks.example.com", "localhost", "", "1.2.3.4.5", "deadbeef.cafe", "::g"])(
    "returns undefined for %j, which is not an IP address",
    (text) => {
      expect(classifyAddress(text)).toBeUndefined();
    },
  );
});

describe("parseAddress", () => {
  it("prints addresses canonically, whatever the spelling", () => {
    expect(parseAddress("2130706433")?.text).toBe("127.0.0.1");
    expect(parseAddress("[::ffff:127.0.0.1]")?.text).toBe("::ffff:7f00:1");
    expect(parseAddress("FD00:0:0:0:0:0:0:1")?.text).toBe("fd00::1");
    expect(parseAddress("1:0:0:2:0:0:0:3")?.text).toBe("1:0:0:2::3");
  });
});
