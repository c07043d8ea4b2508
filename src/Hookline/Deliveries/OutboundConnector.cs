using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Hookline.Deliveries;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the webhook client. It resolves the host itself
/// and opens a socket only to an address it has just checked, so the rule holds for the address actually
/// connected to: DNS rebinding, odd IP spellings and names that point inward all end up here as addresses.
/// </summary>
public sealed class OutboundConnector(bool allowPrivateNetworks)
{
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> that may be connected to, in resolver order. Refused
    /// addresses are dropped; when none is left this throws <see cref="OutboundBlockedException"/>
    /// before any socket exists.
    /// </summary>
    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        // SocketsHttpHandler passes IPv6 literals in brackets, as in the URL.
        var name = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;

        IPAddress[] addresses;
        if (IPAddress.TryParse(name, out var literal))
        {
            addresses = [literal];
        }
        else if (OutboundAddressPolicy.IsLocalhostName(name) && !name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6761: names under localhost are loopback. Answered here, since the system resolver may not
            // know them, or may ask a DNS server that could answer anything; localhost itself is in the hosts file.
            if (!allowPrivateNetworks)
            {
                throw new OutboundBlockedException($"refused: {name} is a loopback name; {OutboundBlockedException.Advice}");
            }

            addresses = Loopback;
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var usable = allowPrivateNetworks ? addresses : Allowed(name, addresses, literal is not null);
        // Connect to an IPv4 address as IPv4: an IPv6 socket would need dual mode to reach it.
        return Array.ConvertAll(usable, a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a);
    }

    private static IPAddress[] Allowed(string name, IPAddress[] addresses, bool isLiteral)
    {
        string? firstRefusal = null;
        var allowed = new List<IPAddress>(addresses.Length);
        foreach (var address in addresses)
        {
            if (OutboundAddressPolicy.RefusalReason(address) is not { } reason)
            {
                allowed.Add(address);
            }
            else
            {
                firstRefusal ??= isLiteral
                    ? $"refused: {address} is {reason}; {OutboundBlockedException.Advice}"
                    : $"refused: {name} resolved to {address}, {reason}; {OutboundBlockedException.Advice}";
            }
        }

        return allowed.Count > 0 ? [.. allowed] : throw new OutboundBlockedException(firstRefusal!);
    }
}
