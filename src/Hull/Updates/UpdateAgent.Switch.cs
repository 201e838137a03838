namespace Hull.Updates;

internal sealed partial class UpdateAgent
{
    /// <summary>Puts the prepared slot's UKI on trial (<c>hull-V-S+3.efi</c>): the next boot tries it, up to three times.</summary>
    public Task<UpdaterReply> ActivateAsync(CancellationToken cancellationToken) => ExclusiveAsync("activate", _ =>
    {
        if (OtherSlot is not { } slot || _state.Slot is not { Phase: SlotPhase.Ready } record || record.Slot[0] != slot
            || !_esp.OfSlot(slot).Any(e => e.State == BootEntryState.Staged))
        {
            return Task.FromResult<UpdateError?>(new UpdateError(UpdateErrorKind.NotAllowed, _esp.Directory,
                $"{_esp.Directory}: nothing is staged in the other slot{(OtherSlot is { } s ? $" ({s})" : "")} to activate; prepare first"));
        }

        _esp.Activate(slot);
        Save(_state with { Slot = record with { Phase = SlotPhase.Activated } });
        return Task.FromResult<UpdateError?>(null);
    }, cancellationToken);

    /// <summary>Takes back an activation before it was booted: the trial entry becomes staged again.</summary>
    public Task<UpdaterReply> DeactivateAsync(CancellationToken cancellationToken) => ExclusiveAsync("deactivate", _ =>
    {
        if (OtherSlot is not { } slot || _state.Slot is not { Phase: SlotPhase.Activated } record || record.Slot[0] != slot
            || !_esp.OfSlot(slot).Any(e => e.State == BootEntryState.Trial))
        {
            return Task.FromResult<UpdateError?>(new UpdateError(UpdateErrorKind.NotAllowed, _esp.Directory,
                $"{_esp.Directory}: the other slot{(OtherSlot is { } s ? $" ({s})" : "")} is not activated; nothing to deactivate"));
        }

        _esp.Deactivate(slot);
        Save(_state with { Slot = record with { Phase = SlotPhase.Ready } });
        return Task.FromResult<UpdateError?>(null);
    }, cancellationToken);

    /// <summary>Marks the running slot's entry bad (<c>+0</c>) so the other slot, which must hold a good entry, boots next.</summary>
    public Task<UpdaterReply> RollbackAsync(CancellationToken cancellationToken) => ExclusiveAsync("rollback", _ =>
    {
        if (_options.RunningSlot is not { } running || OtherSlot is not { } other)
        {
            return Task.FromResult<UpdateError?>(new UpdateError(UpdateErrorKind.Host, null, "the running slot is unknown (no hull.slot= on the kernel command line); nothing to roll back"));
        }

        if (!_esp.OfSlot(other).Any(e => e.State == BootEntryState.Good))
        {
            var held = _esp.OfSlot(other).Select(e => e.FileName).ToList();
            return Task.FromResult<UpdateError?>(new UpdateError(UpdateErrorKind.NotAllowed, _esp.Directory,
                $"{_esp.Directory}: slot {other} holds no good entry to roll back to ({(held.Count == 0 ? "none" : string.Join(", ", held))})"));
        }

        _esp.MarkBad(running);
        return Task.FromResult<UpdateError?>(null);
    }, cancellationToken);
}
