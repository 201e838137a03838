using System.Net;

namespace Hull.Network;

internal sealed partial class DhcpClient
{
    /// <summary>DHCPDISCOVER (RFC 2131 table 5): no addresses, BROADCAST flag so the offer can reach us.</summary>
    internal DhcpMessage CreateDiscover(uint transactionId, ushort seconds) =>
        CreateRequest(transactionId, seconds, DhcpMessageType.Discover, IPAddress.Any, DhcpMessage.BroadcastFlag);

    /// <summary>DHCPREQUEST in SELECTING: ciaddr 0, the offered address in option 50, the chosen server in 54.</summary>
    internal DhcpMessage CreateSelectingRequest(uint transactionId, ushort seconds, IPAddress offered, IPAddress server)
    {
        var message = CreateRequest(transactionId, seconds, DhcpMessageType.Request, IPAddress.Any, DhcpMessage.BroadcastFlag);
        message.Options.Set(DhcpOptionCode.RequestedIpAddress, offered);
        message.Options.Set(DhcpOptionCode.ServerIdentifier, server);
        return message;
    }

    /// <summary>DHCPREQUEST in RENEWING/REBINDING: ciaddr set, options 50 and 54 absent, no BROADCAST flag.</summary>
    internal DhcpMessage CreateRenewingRequest(uint transactionId, ushort seconds, IPAddress current) =>
        CreateRequest(transactionId, seconds, DhcpMessageType.Request, current, 0);

    private DhcpMessage CreateRequest(uint transactionId, ushort seconds, DhcpMessageType type, IPAddress clientAddress, ushort flags)
    {
        var message = new DhcpMessage
        {
            Operation = DhcpMessage.BootRequest,
            TransactionId = transactionId,
            Seconds = seconds,
            Flags = flags,
            ClientAddress = clientAddress,
            ClientHardwareAddress = _hardwareAddress,
        };

        message.Options.Set(DhcpOptionCode.MessageType, (byte)type);

        // Client identifier (RFC 2132 §9.14): hardware type then address, as most clients send it.
        message.Options.Set(DhcpOptionCode.ClientIdentifier, [DhcpMessage.HardwareTypeEthernet, .. _hardwareAddress]);
        message.Options.Set(DhcpOptionCode.ParameterRequestList, RequestedParameters);
        return message;
    }
}
