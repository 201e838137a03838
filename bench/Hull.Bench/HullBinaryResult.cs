namespace Hull.Bench;

/// <summary>
/// The hull binary: its size and the root erofs it ships in (bytes), and wall times in milliseconds of
/// <c>hull --version</c> from spawn to exit and of <c>hull apiserver</c> from spawn to its socket accepting.
/// </summary>
internal sealed record HullBinaryResult(long BinaryBytes, long RootErofsBytes, IReadOnlyList<double> VersionMs, IReadOnlyList<double> ApiserverStartMs);
