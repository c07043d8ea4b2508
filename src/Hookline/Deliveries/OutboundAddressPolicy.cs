using System.Net;
using System.Net.Sockets;

namespace Hookline.Deliveries;

/// <summary>
/// Which addresses a webhook may reach when private networks are not allowed: public unicast only.
/// IPv6 is an allow-list (global unicast 2000::/3 less its special blocks) because anything else
/// is local, reserved or a tunnel; IPv4 is a deny-list of the IANA special-purpose blocks.
/// </summary>
public static class OutboundAddressPolicy
{
    private static readonly (IPNetwork Network, string Kind)[] V4Refused =
    [
        (Net("255.255.255.255/32"), "the broadcast address"),
        (Net("0.0.0.0/32"), "the unspecified address"),
        (Net("0.0.0.0/8"), "a \"this network\" address (0.0.0.0/8)"),
        (Net("127.0.0.0/8"), "a loopback address"),
        (Net("10.0.0.0/8"), "a private address (RFC 1918)"),
        (Net("172.16.0.0/12"), "a private address (RFC 1918)"),
        (Net("192.168.0.0/16"), "a private address (RFC 1918)"),
        (Net("169.254.0.0/16"), "a link-local address (cloud metadata lives here)"),
        (Net("100.64.0.0/10"), "a carrier-grade NAT address"),
        (Net("192.0.0.0/24"), "an IETF protocol address (192.0.0.0/24)"),
        (Net("192.0.2.0/24"), "a documentation address"),
        (Net("198.51.100.0/24"), "a documentation address"),
        (Net("203.0.113.0/24"), "a documentation address"),
        (Net("198.18.0.0/15"), "a benchmarking address"),
        (Net("192.88.99.0/24"), "a 6to4 relay anycast address"),
        (Net("224.0.0.0/4"), "a multicast address"),
        (Net("240.0.0.0/4"), "a reserved address (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Network, string Kind)[] V6Refused =
    [
        (Net("::/128"), "the unspecified address"),
        (Net("::1/128"), "a loopback address"),
        (Net("fc00::/7"), "a unique local (private) address"),
        (Net("fe80::/10"), "a link-local address"),
        (Net("fec0::/10"), "a site-local address"),
        (Net("ff00::/8"), "a multicast address"),
        (Net("64:ff9b:1::/48"), "a local-use NAT64 address"),
        (Net("100::/64"), "a discard-only address"),
        (Net("2001::/32"), "a Teredo tunnel address"),
        (Net("2001:2::/48"), "a benchmarking address"),
        (Net("2001:db8::/32"), "a documentation address"),
        (Net("3fff::/20"), "a documentation address"),
    ];

    private static readonly IPNetwork GlobalUnicast = Net("2000::/3");
    private static readonly IPNetwork Nat64 = Net("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = Net("2002::/16");
    private static readonly IPNetwork V4Compatible = Net("::/96");

    public static bool IsAllowed(IPAddress address) => RefusalReason(address) is null;

    /// <summary>Why the address is not public ("a loopback address"), or null when it may be reached.</summary>
    public static string? RefusalReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(V4Refused, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        // Forms that carry an IPv4 address are judged by that address, so ::ffff:127.0.0.1 is loopback.
        // Mapped addresses go first: IPNetwork.Contains takes its IPv4 path for them even on an IPv6
        // network (dotnet/runtime#131861), so the IPv6 table below must never see one.
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded("an IPv4-mapped", address.MapToIPv4());
        }

        if (Match(V6Refused, address) is { } kind)
        {
            return kind;
        }

        if (V4Compatible.Contains(address))
        {
            // Deprecated (RFC 4291) and never routed: refused even when the embedded address is public.
            return Embedded("an IPv4-compatible", EmbeddedV4(address, 12)) ?? "a deprecated IPv4-compatible address";
        }

        if (Nat64.Contains(address))
        {
            return Embedded("a NAT64", EmbeddedV4(address, 12));
        }

        if (SixToFour.Contains(address))
        {
            return Embedded("a 6to4", EmbeddedV4(address, 2));
        }

        return GlobalUnicast.Contains(address) ? null : "a reserved IPv6 address (outside 2000::/3)";
    }

    /// <summary>
    /// A warning for webhook create/update when the URL names a non-public address literally; null otherwise.
    /// Names are not resolved here: DNS can change, so the real check happens when connecting.
    /// </summary>
    public static string? WarningFor(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        if (IsLocalhostName(url.IdnHost))
        {
            return $"{url.IdnHost} is a loopback name: deliveries will be refused unless private networks are allowed";
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost, out var address)
            && RefusalReason(address) is { } reason)
        {
            return $"{address} is {reason}: deliveries will be refused unless private networks are allowed";
        }

        return null;
    }

    /// <summary>RFC 6761: <c>localhost</c> and every name under it are loopback, whatever DNS says.</summary>
    public static bool IsLocalhostName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Embedded(string form, IPAddress v4) =>
        Match(V4Refused, v4) is { } kind ? $"{form} form of {v4}, {kind}" : null;

    private static IPAddress EmbeddedV4(IPAddress v6, int offset)
    {
        Span<byte> bytes = stackalloc byte[16];
        v6.TryWriteBytes(bytes, out _);
        return new IPAddress(bytes.Slice(offset, 4));
    }

    private static string? Match((IPNetwork Network, string Kind)[] table, IPAddress address)
    {
        foreach (var (network, kind) in table)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    private static IPNetwork Net(string cidr) => IPNetwork.Parse(cidr);
}
