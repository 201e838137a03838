namespace Hull.Updates;

/// <summary>
/// What <c>settings.updates</c> says about choosing: the host's place in waves (<paramref name="Seed"/>, 0-2047),
/// the one version to take (<paramref name="VersionLock"/>; null for <c>latest</c>), and whether waves are ignored.
/// </summary>
public sealed record UpdatePolicy(int Seed, HullVersion? VersionLock, bool IgnoreWaves);
