using System.Net;
using System.Net.NetworkInformation;

namespace Hull.Network;

/// <summary>
/// A DHCPv4 client for one interface (RFC 2131 §4.4): DISCOVER, take the first OFFER, REQUEST it,
/// wait for ACK or NAK. Each message is retransmitted with exponential back-off; a silent network
/// is reported as a <see cref="NetworkError"/>, not an exception.
/// </summary>
internal sealed partial class DhcpClient
{
    private static readonly IPEndPoint BroadcastServer = new(IPAddress.Broadcast, DhcpMessage.ServerPort);

    // Parameter Request List (option 55): what Hull applies or hands to the caller.
    private static readonly byte[] RequestedParameters =
    [
        (byte)DhcpOptionCode.SubnetMask,
        (byte)DhcpOptionCode.Router,
        (byte)DhcpOptionCode.DomainNameServer,
        (byte)DhcpOptionCode.HostName,
        (byte)DhcpOptionCode.DomainName,
        (byte)DhcpOptionCode.InterfaceMtu,
        (byte)DhcpOptionCode.BroadcastAddress,
        (byte)DhcpOptionCode.LeaseTime,
        (byte)DhcpOptionCode.RenewalTime,
        (byte)DhcpOptionCode.RebindingTime,
    ];

    private readonly IDhcpTransport _transport;
    private readonly string _interfaceName;
    private readonly byte[] _hardwareAddress;
    private readonly DhcpClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Action<string> _log;

    /// <summary>Creates a client that talks through <paramref name="transport"/> (not owned).</summary>
    public DhcpClient(
        IDhcpTransport transport,
        string interfaceName,
        PhysicalAddress hardwareAddress,
        DhcpClientOptions? options = null,
        TimeProvider? timeProvider = null,
        Random? random = null,
        Action<string>? log = null)
    {
        _transport = transport;
        _interfaceName = interfaceName;
        _hardwareAddress = hardwareAddress.GetAddressBytes();
        if (_hardwareAddress.Length is 0 or > 16)
        {
            throw new ArgumentException($"{interfaceName}: hardware address must be 1-16 bytes, got {_hardwareAddress.Length}", nameof(hardwareAddress));
        }

        _options = options ?? new DhcpClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _log = log ?? (_ => { });
    }

    /// <summary>Runs DISCOVER → OFFER → REQUEST → ACK and returns the lease, or why there is none.</summary>
    public async Task<NetworkResult> AcquireAsync(CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var transactionId = (uint)_random.NextInt64(0, 1L << 32);

        _log($"{_interfaceName}: DHCPDISCOVER (xid 0x{transactionId:x8})");
        var offer = await ExchangeAsync(
            seconds => CreateDiscover(transactionId, seconds),
            BroadcastServer,
            reply => IsReplyTo(reply, transactionId) && reply.MessageType == DhcpMessageType.Offer && !reply.YourAddress.Equals(IPAddress.Any),
            started,
            cancellationToken);
        if (offer is null)
        {
            return NetworkResult.Failure(
                NetworkErrorKind.NoOffer,
                _interfaceName,
                $"no DHCP server answered {_options.Attempts} DHCPDISCOVERs sent to {BroadcastServer}");
        }

        var server = offer.Options.GetAddress(DhcpOptionCode.ServerIdentifier) ?? offer.ServerAddress;
        _log($"{_interfaceName}: DHCPOFFER of {offer.YourAddress} from {server}; DHCPREQUEST");
        var answer = await ExchangeAsync(
            seconds => CreateSelectingRequest(transactionId, seconds, offer.YourAddress, server),
            BroadcastServer,
            reply => IsReplyTo(reply, transactionId) && IsAckOrNakFrom(reply, server),
            started,
            cancellationToken);
        return Conclude(answer, server, offer.YourAddress);
    }

    /// <summary>
    /// Renews <paramref name="lease"/> (RFC 2131 §4.4.5): a DHCPREQUEST with ciaddr set, unicast to the
    /// server that granted it (RENEWING), then broadcast to any server (REBINDING). The address must
    /// still be configured, since replies come back by unicast.
    /// </summary>
    public async Task<NetworkResult> RenewAsync(DhcpLease lease, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var transactionId = (uint)_random.NextInt64(0, 1L << 32);
        foreach (var destination in new[] { new IPEndPoint(lease.ServerIdentifier, DhcpMessage.ServerPort), BroadcastServer })
        {
            _log($"{_interfaceName}: DHCPREQUEST renewing {lease.Address} via {destination} (xid 0x{transactionId:x8})");
            var answer = await ExchangeAsync(
                seconds => CreateRenewingRequest(transactionId, seconds, lease.Address),
                destination,
                reply => IsReplyTo(reply, transactionId) && reply.MessageType is DhcpMessageType.Ack or DhcpMessageType.Nak,
                started,
                cancellationToken);
            if (answer is not null)
            {
                return Conclude(answer, lease.ServerIdentifier, lease.Address);
            }
        }

        return NetworkResult.Failure(
            NetworkErrorKind.NoAck,
            _interfaceName,
            $"no DHCP server answered the renewal of {lease.Address} (tried {lease.ServerIdentifier} and broadcast)");
    }

    private NetworkResult Conclude(DhcpMessage? answer, IPAddress server, IPAddress address)
    {
        if (answer is null)
        {
            return NetworkResult.Failure(
                NetworkErrorKind.NoAck,
                _interfaceName,
                $"server {server} offered {address} but did not answer {_options.Attempts} DHCPREQUESTs");
        }

        if (answer.MessageType == DhcpMessageType.Nak)
        {
            var reason = answer.Options.GetString(DhcpOptionCode.Message);
            return NetworkResult.Failure(
                NetworkErrorKind.Nak,
                _interfaceName,
                $"server {server} refused {address} with DHCPNAK" + (string.IsNullOrEmpty(reason) ? "" : $": {reason}"));
        }

        var lease = DhcpLease.FromAck(_interfaceName, answer, server, _timeProvider.GetUtcNow());
        _log($"{_interfaceName}: DHCPACK {lease.Address}/{lease.PrefixLength} router {lease.Router?.ToString() ?? "none"} lease {lease.LeaseTime}");
        return NetworkResult.Success(lease);
    }

    private bool IsReplyTo(DhcpMessage reply, uint transactionId) =>
        reply.Operation == DhcpMessage.BootReply
        && reply.TransactionId == transactionId
        && reply.ClientHardwareAddress.AsSpan().SequenceEqual(_hardwareAddress);

    /// <summary>In SELECTING, only the chosen server's answer counts; others saw our REQUEST as a decline of theirs.</summary>
    private static bool IsAckOrNakFrom(DhcpMessage reply, IPAddress server) =>
        reply.MessageType is DhcpMessageType.Ack or DhcpMessageType.Nak
        && (reply.Options.GetAddress(DhcpOptionCode.ServerIdentifier) is not { } id || id.Equals(server));
}
