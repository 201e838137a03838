using Hull.Tuf;

namespace Hull.Updates;

/// <summary>A refusal or failure of an update command: what kind, the file or device at fault, and a message that names it.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="File">The file, target or device at fault (<c>manifest.json</c>, <c>2.0.0/root.img.zst</c>, <c>/dev/vda3</c>), when there is one.</param>
/// <param name="Message">"FILE: reason".</param>
/// <param name="TufKind">For <see cref="UpdateErrorKind.Tuf"/>: the TUF client's reason.</param>
internal sealed record UpdateError(UpdateErrorKind Kind, string? File, string Message, TufErrorKind? TufKind = null)
{
    /// <summary>An error whose message reads "<paramref name="file"/>: <paramref name="reason"/>".</summary>
    public static UpdateError Of(UpdateErrorKind kind, string file, string reason) => new(kind, file, $"{file}: {reason}");

    /// <summary>The TUF client's refusal, as it worded it.</summary>
    public static UpdateError From(TufError error) => new(UpdateErrorKind.Tuf, error.File, error.Message, error.Kind);

    /// <inheritdoc/>
    public override string ToString() => Message;
}
