using System.Net;
using System.Threading.Channels;
using Hull.Network;

namespace Hull.Core.Tests.Network;

/// <summary>An in-memory network: every datagram the client sends is handed to a scripted server.</summary>
internal sealed class FakeDhcpTransport(Func<DhcpMessage, IEnumerable<byte[]>> server) : IDhcpTransport
{
    private readonly Channel<byte[]> _replies = Channel.CreateUnbounded<byte[]>();

    public List<(DhcpMessage Message, IPEndPoint Destination)> Sent { get; } = [];

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken)
    {
        DhcpMessage.TryDecode(datagram.Span, out var message, out var error).ShouldBeTrue(error);
        Sent.Add((message, destination));
        foreach (var reply in server(message))
        {
            _replies.Writer.TryWrite(reply);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var reply = await _replies.Reader.ReadAsync(cancellationToken);
        reply.CopyTo(buffer);
        return reply.Length;
    }

    public void Dispose()
    {
    }

    /// <summary>A reply to <paramref name="request"/> as a server would build it.</summary>
    public static DhcpMessage Reply(DhcpMessage request, DhcpMessageType type, string yourAddress, uint? transactionId = null)
    {
        var reply = new DhcpMessage
        {
            Operation = DhcpMessage.BootReply,
            TransactionId = transactionId ?? request.TransactionId,
            Flags = request.Flags,
            YourAddress = IPAddress.Parse(yourAddress),
            ClientHardwareAddress = request.ClientHardwareAddress,
        };
        reply.Options
            .Set(DhcpOptionCode.MessageType, (byte)type)
            .Set(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.0.2.2"));
        return reply;
    }
}
