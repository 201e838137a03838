namespace Hull.Tuf;

/// <summary>
/// Thrown by <see cref="TufTargetStream"/>'s reads when the target breaks a rule of targets.json (too long, too
/// short, a hash that differs) or the transport fails; carries the same <see cref="TufError"/> the stream keeps in
/// <see cref="TufTargetStream.Error"/>. An <see cref="IOException"/>, so readers stacked on the stream (a
/// decompressor) pass it through.
/// </summary>
public sealed class TufTargetException(TufError error) : IOException(error.Message)
{
    /// <summary>Why the target was refused.</summary>
    public TufError Error { get; } = error;
}
