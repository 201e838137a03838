using System.Net;

namespace Hull.Network;

internal sealed partial class DhcpClient
{
    // Replies fit in an Ethernet frame; 1500 leaves room for servers that ignore option 57.
    private const int ReceiveBufferSize = 1500;

    /// <summary>
    /// Sends a message and waits for an acceptable reply, retransmitting with exponential back-off.
    /// Null when every attempt timed out. Datagrams that do not decode or are not for us are skipped.
    /// </summary>
    private async Task<DhcpMessage?> ExchangeAsync(
        Func<ushort, DhcpMessage> createRequest,
        IPEndPoint destination,
        Func<DhcpMessage, bool> accept,
        long started,
        CancellationToken cancellationToken)
    {
        var buffer = new byte[ReceiveBufferSize];
        for (var attempt = 0; attempt < _options.Attempts; attempt++)
        {
            // secs (RFC 2131 §2): time since the client began, which lets relays and servers prioritise.
            var elapsed = _timeProvider.GetElapsedTime(started);
            var request = createRequest((ushort)Math.Min(ushort.MaxValue, (int)elapsed.TotalSeconds));
            await _transport.SendAsync(request.Encode(), destination, cancellationToken);

            var timeout = Timeout(attempt);
            using var expiry = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
            try
            {
                while (true)
                {
                    var length = await _transport.ReceiveAsync(buffer, linked.Token);
                    if (DhcpMessage.TryDecode(buffer.AsSpan(0, length), out var reply, out _) && accept(reply))
                    {
                        return reply;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _log($"{_interfaceName}: no reply within {timeout.TotalSeconds:0.##} s (attempt {attempt + 1} of {_options.Attempts})");
            }
        }

        return null;
    }

    private TimeSpan Timeout(int attempt)
    {
        var doubled = _options.InitialTimeout * Math.Pow(2, attempt);
        var capped = doubled < _options.MaximumTimeout ? doubled : _options.MaximumTimeout;
        return capped * (1 + (_options.Jitter * ((2 * _random.NextDouble()) - 1)));
    }
}
