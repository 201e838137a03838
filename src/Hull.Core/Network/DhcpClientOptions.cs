namespace Hull.Network;

/// <summary>
/// Retransmission settings. RFC 2131 §4.1 suggests 4 s doubling to 64 s; a booting container host
/// on a local network wants an answer sooner, so the default starts at 0.5 s and gives up after four
/// tries (about 7.5 s per phase).
/// </summary>
internal sealed record DhcpClientOptions
{
    /// <summary>How many times each message is sent before giving up.</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>How long to wait for a reply to the first transmission; doubled after each.</summary>
    public TimeSpan InitialTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The cap on a single wait.</summary>
    public TimeSpan MaximumTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Each wait is stretched or shrunk by up to this fraction, so hosts booted together do not retry in lockstep.</summary>
    public double Jitter { get; init; } = 0.1;
}
