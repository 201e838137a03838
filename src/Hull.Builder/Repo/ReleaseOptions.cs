using Hull.Updates;

namespace Hull.Builder.Repo;

/// <summary>What `hull repo add` publishes with a build besides its payloads.</summary>
/// <param name="Waves">The roll-out waves (<see cref="WaveArgument"/>); empty: every host at once.</param>
/// <param name="MaxVersion">Hosts on this repository go to no version above it.</param>
/// <param name="Migrations">Settings migrations from the previous release (<see cref="MigrationsFile"/>).</param>
/// <param name="Level">zstd level.</param>
internal sealed record ReleaseOptions(
    IReadOnlyList<UpdateWave> Waves,
    string? MaxVersion = null,
    IReadOnlyList<SettingsMigration>? Migrations = null,
    int Level = PayloadCompressor.DefaultLevel)
{
    /// <summary>No waves, no brake, no migrations.</summary>
    public static ReleaseOptions Default { get; } = new([]);
}
