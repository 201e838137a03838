namespace Hull.Init;

/// <summary>PID 1's answer, one JSON line: the services it restarted, in the order it did, or why it did nothing.</summary>
internal sealed record InitReply(IReadOnlyList<string>? Restarted, string? Error = null)
{
    /// <summary>A refusal (or a failure to get an answer) that says why.</summary>
    public static InitReply Refused(string error) => new(null, error);
}
