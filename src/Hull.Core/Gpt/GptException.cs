namespace Hull.Gpt;

/// <summary>Neither the primary nor the backup GPT on a disk is usable.</summary>
internal sealed class GptException(GptError primary, GptError backup)
    : IOException($"No valid GPT: primary: {primary.Message}; backup: {backup.Message}")
{
    /// <summary>Why the primary copy was rejected.</summary>
    public GptError Primary { get; } = primary;

    /// <summary>Why the backup copy was rejected.</summary>
    public GptError Backup { get; } = backup;
}
