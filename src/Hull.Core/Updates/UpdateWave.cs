namespace Hull.Updates;

/// <summary>
/// A wave of a staged roll-out: hosts whose <c>settings.updates.seed</c> is below <paramref name="SeedBelow"/>
/// (and not in an earlier wave) may take the release from <paramref name="Starts"/> on.
/// </summary>
public sealed record UpdateWave(int SeedBelow, DateTimeOffset Starts);
