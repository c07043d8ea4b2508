using System.Net;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using static Hookline.Tests.Deliveries.DeliveryServices;
using static Hookline.Tests.Deliveries.WebhookSenderTests;

namespace Hookline.Tests.Deliveries;

/// <summary>
/// The connect-time guard. Loopback targets point at a live receiver, so a guard that let one through would
/// show up in its log. Non-loopback targets are only resolved, never sent to: the refusal must come before a
/// socket exists, and these tests must not put a packet on the network if it did not.
/// </summary>
public sealed class OutboundGuardTests : ReceiverTest
{
    private const string Advice = "set Hookline__Delivery__AllowPrivateNetworks=true to allow";

    [Theory]
    [InlineData("127.0.0.1", "refused: 127.0.0.1 is a loopback address")]
    [InlineData("localhost", "refused: localhost resolved to 127.0.0.1, a loopback address")]
    [InlineData("hook.localhost", "refused: hook.localhost is a loopback name")]
    [InlineData("[::1]", "refused: ::1 is a loopback address")]
    [InlineData("[::ffff:127.0.0.1]", "refused: ::ffff:127.0.0.1 is an IPv4-mapped form of 127.0.0.1, a loopback address")]
    [InlineData("2130706433", "refused: 127.0.0.1 is a loopback address")]
    [InlineData("0x7f.1", "refused: 127.0.0.1 is a loopback address")]
    [InlineData("017700000001", "refused: 127.0.0.1 is a loopback address")]
    public async Task Sender_RefusesLoopbackInAnySpelling_WhenPrivateNetworksAreNotAllowed(string host, string refusal)
    {
        await using var services = Create();

        var result = await Send(services, Request(new Uri($"http://{host}:{Receiver.Port}/hook")));

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.Equal($"{refusal}; {Advice}", result.Error);
        Assert.Empty(Receiver.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("hook.localhost")]
    [InlineData("2130706433")]
    public async Task Sender_ReachesLoopback_WhenPrivateNetworksAreAllowed(string host)
    {
        await using var services = AllowingPrivateNetworks();

        var result = await Send(services, Request(new Uri($"http://{host}:{Receiver.Port}/hook")));

        Assert.True(result.Delivered, result.Error);
        Assert.Single(Receiver.Requests);
    }

    [Theory]
    [InlineData("10.0.0.1", "refused: 10.0.0.1 is a private address (RFC 1918)")]
    [InlineData("169.254.169.254", "refused: 169.254.169.254 is a link-local address (cloud metadata lives here)")]
    [InlineData("192.168.1.10", "refused: 192.168.1.10 is a private address (RFC 1918)")]
    [InlineData("100.100.100.200", "refused: 100.100.100.200 is a carrier-grade NAT address")]
    [InlineData("[fd00:ec2::254]", "refused: fd00:ec2::254 is a unique local (private) address")]
    [InlineData("[fe80::1]", "refused: fe80::1 is a link-local address")]
    [InlineData("[::ffff:169.254.169.254]", "refused: ::ffff:169.254.169.254 is an IPv4-mapped form of 169.254.169.254, a link-local address (cloud metadata lives here)")]
    [InlineData("[64:ff9b::a00:1]", "refused: 64:ff9b::a00:1 is a NAT64 form of 10.0.0.1, a private address (RFC 1918)")]
    [InlineData("0.0.0.0", "refused: 0.0.0.0 is the unspecified address")]
    public async Task Connector_RefusesNonPublicAddresses_BeforeAnySocketIsOpened(string host, string refusal)
    {
        var connector = new OutboundConnector(allowPrivateNetworks: false);

        var e = await Assert.ThrowsAsync<OutboundBlockedException>(() => connector.ResolveAsync(host, CancellationToken.None).AsTask());

        Assert.Equal($"{refusal}; {Advice}", e.Message);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("[fd00::1]")]
    public async Task Connector_PassesPrivateAddresses_WhenPrivateNetworksAreAllowed(string host)
    {
        var connector = new OutboundConnector(allowPrivateNetworks: true);

        var addresses = await connector.ResolveAsync(host, CancellationToken.None);

        Assert.Equal([IPAddress.Parse(host.Trim('[', ']'))], addresses);
    }

    [Fact]
    public async Task Connector_PassesAPublicAddress()
    {
        var connector = new OutboundConnector(allowPrivateNetworks: false);

        var addresses = await connector.ResolveAsync("93.184.215.14", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("93.184.215.14")], addresses);
    }

    [Fact]
    public async Task Connector_ConnectsToAnIPv4MappedAddress_AsIPv4()
    {
        var connector = new OutboundConnector(allowPrivateNetworks: true);

        var addresses = await connector.ResolveAsync("[::ffff:127.0.0.1]", CancellationToken.None);

        Assert.Equal([IPAddress.Loopback], addresses);
    }
}
