namespace Hull.Network;

/// <summary>A decoded <c>struct nlmsghdr</c> (netlink(7)).</summary>
internal readonly record struct NetlinkHeader(int Length, ushort Type, ushort Flags, uint Sequence, uint PortId);
