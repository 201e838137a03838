namespace Hull.Settings;

/// <summary>A configuration file (or kernel value) that could not be written, and why.</summary>
internal sealed record ApplyFailure(ConfigurationFile File, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File.Name} ({File.Path}): {Message}";
}
