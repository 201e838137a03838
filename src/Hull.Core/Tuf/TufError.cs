namespace Hull.Tuf;

/// <summary>Why the client refused a file.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="File">The file at fault as fetched or stored, e.g. "timestamp.json", "3.targets.json", a target path.</param>
/// <param name="Message">Human-readable text naming <paramref name="File"/> and the rule it breaks.</param>
public sealed record TufError(TufErrorKind Kind, string File, string Message)
{
    /// <summary>An error whose message is "<paramref name="file"/>: <paramref name="reason"/>".</summary>
    public static TufError Of(TufErrorKind kind, string file, string reason) => new(kind, file, $"{file}: {reason}");

    /// <inheritdoc/>
    public override string ToString() => Message;
}
