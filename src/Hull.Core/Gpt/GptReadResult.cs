using System.Diagnostics.CodeAnalysis;

namespace Hull.Gpt;

/// <summary>Outcome of <see cref="GptReader.TryRead"/>: a table, which copy it came from, and why the other copies were rejected.</summary>
/// <param name="Table">The table, or <c>null</c> when neither copy is valid.</param>
/// <param name="Source">Which copy <paramref name="Table"/> was read from.</param>
/// <param name="PrimaryError">Why the primary was rejected; <c>null</c> when it was valid.</param>
/// <param name="BackupError">Why the backup was rejected; <c>null</c> when it was valid or not consulted.</param>
internal readonly record struct GptReadResult(
    GptTable? Table,
    GptHeaderCopy Source,
    GptError? PrimaryError,
    GptError? BackupError)
{
    /// <summary>True when a valid table was found.</summary>
    [MemberNotNullWhen(true, nameof(Table))]
    public bool Found => Table is not null;

    /// <summary>True when the primary was bad and should be rewritten from the table.</summary>
    public bool NeedsRepair => Found && PrimaryError is not null;
}
