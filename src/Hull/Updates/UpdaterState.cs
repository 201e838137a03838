namespace Hull.Updates;

/// <summary>The updater's persisted state (<c>state.json</c> in its state folder, replaced atomically).</summary>
/// <param name="ChosenUpdate">What the last refresh chose, or null.</param>
/// <param name="AvailableUpdates">Newer versions for this host's variant and arch at the last refresh, newest first.</param>
/// <param name="NotChosen">Why each newer release is not the choice.</param>
/// <param name="LastRefresh">When the last refresh succeeded.</param>
/// <param name="Slot">What prepare wrote to the other slot, or null.</param>
/// <param name="MostRecentCommand">The last command and its outcome.</param>
/// <param name="Interrupted">Set when a prepare was found cut off (power loss, crash); cleared by the next prepare.</param>
internal sealed record UpdaterState(
    UpdateImage? ChosenUpdate,
    IReadOnlyList<string> AvailableUpdates,
    IReadOnlyList<string> NotChosen,
    DateTimeOffset? LastRefresh,
    SlotRecord? Slot,
    CommandResult? MostRecentCommand,
    string? Interrupted)
{
    /// <summary>A host that never ran the updater.</summary>
    public static readonly UpdaterState Empty = new(null, [], [], null, null, null, null);
}
