namespace Hull.Updates;

/// <summary>What prepare wrote (or is writing) to which slot, persisted so a restart knows.</summary>
/// <param name="Slot"><c>a</c> or <c>b</c>: never the running one.</param>
/// <param name="Version">The release written.</param>
/// <param name="Phase"><see cref="SlotPhase"/>.</param>
/// <param name="Step">The prepare step under way (or last done): <see cref="PrepareStep"/>.</param>
/// <param name="Started">When prepare began.</param>
/// <param name="Finished">When the slot became ready, or null.</param>
internal sealed record SlotRecord(string Slot, string Version, SlotPhase Phase, PrepareStep Step, DateTimeOffset Started, DateTimeOffset? Finished);
