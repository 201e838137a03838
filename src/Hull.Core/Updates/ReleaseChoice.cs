namespace Hull.Updates;

/// <summary>What a host may update to now.</summary>
/// <param name="Chosen">The highest release the host may take now, or null.</param>
/// <param name="Available">Every release newer than the running one for the host's variant and arch, newest first, eligible or not.</param>
/// <param name="NotChosen">Why each newer release is not the choice, one line each (a wave not started yet, the version lock, max_version, another variant or arch).</param>
public sealed record ReleaseChoice(Release? Chosen, IReadOnlyList<Release> Available, IReadOnlyList<string> NotChosen);
