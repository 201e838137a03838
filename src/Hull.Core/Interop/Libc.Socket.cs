using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    /// <summary>socket(2). Only needed for families .NET's <c>Socket</c> cannot open itself (AF_NETLINK).</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    // <sys/socket.h>, <linux/netlink.h>
    internal const int AF_NETLINK = 16;
    internal const int SOCK_RAW = 3;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int NETLINK_ROUTE = 0;

    // setsockopt levels and names: SOL_SOCKET is 1 on every architecture but alpha/mips/parisc/sparc,
    // which Hull does not target. SO_BINDTODEVICE is 25 (socket(7)).
    internal const int SOL_SOCKET = 1;
    internal const int SO_BINDTODEVICE = 25;

    // netlink(7): SOL_NETLINK options. NETLINK_CAP_ACK (Linux 4.3) stops the kernel echoing our whole
    // request back inside every ack; NETLINK_EXT_ACK (Linux 4.12) adds a human-readable reason to errors.
    internal const int SOL_NETLINK = 270;
    internal const int NETLINK_CAP_ACK = 10;
    internal const int NETLINK_EXT_ACK = 11;
}
