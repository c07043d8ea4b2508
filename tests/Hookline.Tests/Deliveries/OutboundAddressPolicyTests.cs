using System.Net;
using Hookline.Deliveries;

namespace Hookline.Tests.Deliveries;

public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("0.0.0.0", "the unspecified address")]
    [InlineData("0.1.2.3", "\"this network\"")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.8", "IETF protocol")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.7", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "the broadcast address")]
    public void IPv4_IsRefused_InEachNonPublicRange(string address, string kind)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(OutboundAddressPolicy.IsAllowed(ip));
        Assert.Contains(kind, OutboundAddressPolicy.RefusalReason(ip), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::", "the unspecified address")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped form of 127.0.0.1, a loopback address")]
    [InlineData("::ffff:10.1.2.3", "IPv4-mapped form of 10.1.2.3, a private address")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped form of 169.254.169.254, a link-local address")]
    [InlineData("::ffff:100.64.0.1", "IPv4-mapped form of 100.64.0.1, a carrier-grade NAT address")]
    [InlineData("::ffff:0.0.0.0", "IPv4-mapped form of 0.0.0.0, the unspecified address")]
    [InlineData("::127.0.0.1", "IPv4-compatible form of 127.0.0.1, a loopback address")]
    [InlineData("::8.8.8.8", "deprecated IPv4-compatible")]
    [InlineData("64:ff9b::127.0.0.1", "NAT64 form of 127.0.0.1, a loopback address")]
    [InlineData("64:ff9b::192.168.0.1", "NAT64 form of 192.168.0.1, a private address")]
    [InlineData("64:ff9b:1::1", "local-use NAT64")]
    [InlineData("2002:7f00:1::1", "6to4 form of 127.0.0.1, a loopback address")]
    [InlineData("2002:a9fe:a9fe::1", "6to4 form of 169.254.169.254, a link-local address")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd00:ec2::254", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff0e::101", "multicast")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("2001:2::1", "benchmarking")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("4000::1", "outside 2000::/3")]
    [InlineData("::2", "IPv4-compatible form of 0.0.0.2")]
    public void IPv6_IsRefused_InEachNonPublicRange_AndForEmbeddedNonPublicIPv4(string address, string kind)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(OutboundAddressPolicy.IsAllowed(ip));
        Assert.Contains(kind, OutboundAddressPolicy.RefusalReason(ip), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    public void PublicAddress_IsAllowed(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(OutboundAddressPolicy.IsAllowed(ip));
        Assert.Null(OutboundAddressPolicy.RefusalReason(ip));
    }

    [Theory]
    [InlineData("http://10.0.0.1/hook", "10.0.0.1 is a private address (RFC 1918)")]
    [InlineData("https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address")]
    [InlineData("http://2130706433/", "127.0.0.1 is a loopback address")]
    [InlineData("http://0x7f.1:8080/", "127.0.0.1 is a loopback address")]
    [InlineData("http://[::1]:5000/", "::1 is a loopback address")]
    [InlineData("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1 is an IPv4-mapped form of 10.0.0.1")]
    [InlineData("http://localhost:5000/", "localhost is a loopback name")]
    [InlineData("http://crm.localhost/", "crm.localhost is a loopback name")]
    public void WarningFor_NamesTheProblem_WhenTheUrlsHostIsLiterallyNonPublic(string url, string warning)
    {
        var text = OutboundAddressPolicy.WarningFor(new Uri(url));

        Assert.NotNull(text);
        Assert.StartsWith(warning, text, StringComparison.Ordinal);
        Assert.EndsWith("deliveries will be refused unless private networks are allowed", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks/calls")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://localhost.example.com/")]
    public void WarningFor_IsNull_WhenTheHostIsPublicOrAName(string url)
    {
        Assert.Null(OutboundAddressPolicy.WarningFor(new Uri(url)));
    }
}
