using System.Net;
using System.Net.Sockets;

namespace Kindred.Core.Common;

/// <summary>Which addresses the server may connect to when someone else chose the place (a push endpoint, another
/// fediverse server): it must not reach into the server's own network (checked before and again at every connection, after DNS).</summary>
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? !(bytes[0] is 0 or 10 or 127 || (bytes[0] == 169 && bytes[1] == 254) || (bytes[0] == 172 && bytes[1] is >= 16 and < 32)
                || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 100 && bytes[1] is >= 64 and < 128) || bytes[0] >= 224)
            : !(IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal
                || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any));
    }
}
