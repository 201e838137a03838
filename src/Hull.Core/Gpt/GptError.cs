namespace Hull.Gpt;

/// <summary>Why one copy of the GPT (primary or backup) was rejected.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Lba">LBA of the header the problem was found through.</param>
/// <param name="Message">Human-readable text naming the field and LBA at fault.</param>
internal readonly record struct GptError(GptErrorKind Kind, long Lba, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
