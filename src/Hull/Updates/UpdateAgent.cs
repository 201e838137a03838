using System.Text.Json;
using Hull.Tuf;

namespace Hull.Updates;

/// <summary>
/// The update state machine (Bottlerocket's thar-be-updates, in process): <c>refresh</c> reads the repository and
/// chooses; <c>prepare</c> writes the chosen release to the other slot (steps in <see cref="PrepareStep"/> order, each
/// durable before the next); <c>activate</c> puts its UKI on trial; <c>deactivate</c> takes that back; <c>rollback</c>
/// marks the running slot bad so the other boots. One command at a time; the state is persisted after every change,
/// so a restart finds a cut-off prepare and reports it as interrupted.
/// </summary>
internal sealed partial class UpdateAgent : IDisposable
{
    /// <summary>The state file's name in the state folder.</summary>
    public const string StateFileName = "state.json";

    private readonly UpdateAgentOptions _options;
    private readonly BootEntries _esp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UpdaterState _state;

    private UpdateAgent(UpdateAgentOptions options, UpdaterState state)
    {
        _options = options;
        _esp = new BootEntries(options.EspDirectory);
        _state = state;
    }

    private string StateFile => Path.Combine(_options.StateDirectory, StateFileName);

    private string TufDirectory => Path.Combine(_options.StateDirectory, "tuf");

    private string MigrationsDirectory => Path.Combine(_options.StateDirectory, "migrations");

    private DateTimeOffset Now => _options.Time.GetUtcNow();

    private char? OtherSlot => _options.RunningSlot switch { 'a' => 'b', 'b' => 'a', _ => null };

    /// <summary>
    /// Loads the state and squares it with the ESP: a prepare found cut off is reported as interrupted and its slot
    /// cleared of entries; a slot the host now runs, or whose entry went bad, is done with.
    /// </summary>
    public static UpdateAgent Open(UpdateAgentOptions options)
    {
        Directory.CreateDirectory(options.StateDirectory);
        var path = Path.Combine(options.StateDirectory, StateFileName);
        var state = UpdaterState.Empty;
        string? unreadable = null;
        if (TufFiles.ReadIfExists(path) is { } bytes)
        {
            try
            {
                state = JsonSerializer.Deserialize(bytes, UpdaterJsonContext.Default.UpdaterState) ?? UpdaterState.Empty;
            }
            catch (JsonException e)
            {
                unreadable = $"{path} could not be read and was started afresh: {e.Message}";
            }
        }

        var agent = new UpdateAgent(options, state);
        agent.Reconcile(unreadable);
        return agent;
    }

    /// <summary>Releases the command gate; the state is already on disk.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>Runs one command by name: <c>status</c>, <c>refresh</c>, <c>prepare</c>, <c>activate</c>, <c>deactivate</c>, <c>rollback</c>.</summary>
    public Task<UpdaterReply> RunAsync(string? command, CancellationToken cancellationToken) => command switch
    {
        "status" => Task.FromResult(new UpdaterReply(Status())),
        "refresh" => RefreshAsync(cancellationToken),
        "prepare" => PrepareAsync(cancellationToken),
        "activate" => ActivateAsync(cancellationToken),
        "deactivate" => DeactivateAsync(cancellationToken),
        "rollback" => RollbackAsync(cancellationToken),
        _ => Task.FromResult(new UpdaterReply(Status(), new UpdateError(UpdateErrorKind.BadRequest, null,
            $"unknown command '{command}'; the commands are status, refresh, prepare, activate, deactivate, rollback"))),
    };

    /// <summary>The status now, from the persisted state, the ESP's entries and PID 1's boot assessment.</summary>
    public UpdateStatus Status()
    {
        var state = _state;
        var entries = _esp.List();
        var next = NextToBoot(entries);
        var running = _options.RunningSlot;
        var other = OtherSlot;
        var host = _options.Host;
        var image = new UpdateImage(host.Arch, host.Version.ToString(), host.Variant);

        StagedImage Slot(char? slot, bool isRunning)
        {
            var label = slot is { } s ? PartitionLabel(s) : "unknown";
            var ofSlot = entries.Where(e => e.Slot == slot).ToList();
            var entry = ofSlot.FirstOrDefault(e => e.State != BootEntryState.Staged) is { FileName: not null } bootable ? bootable : ofSlot.FirstOrDefault();
            var shown = isRunning ? image : entry.FileName is null ? null : new UpdateImage(host.Arch, entry.Version.ToString(), host.Variant);
            return new StagedImage(shown, slot?.ToString() ?? "unknown", label, entry.FileName, next is { } n && n.Slot == slot);
        }

        var staging = entries.Where(e => e.Slot == other).ToList();
        var updateState = staging.Any(e => e.State == BootEntryState.Trial) ? "Ready"
            : staging.Any(e => e.State == BootEntryState.Staged) && state.Slot is { Phase: SlotPhase.Ready } ? "Staged"
            : state.ChosenUpdate is not null ? "Available"
            : "Idle";
        return new UpdateStatus(updateState, state.AvailableUpdates, state.ChosenUpdate, Slot(running, true), Slot(other, false),
            state.MostRecentCommand, state.NotChosen, state.Interrupted, state.LastRefresh, BootAssessment.Read(_options.StateDirectory));
    }

    // systemd-boot's order among entries it loads: those with tries left (or none counted) first, then newest version.
    private static BootEntry? NextToBoot(IReadOnlyList<BootEntry> entries) =>
        entries.Where(e => e.State != BootEntryState.Staged)
            .OrderBy(e => e.State == BootEntryState.Bad)
            .ThenByDescending(e => e.Version)
            .Select(e => (BootEntry?)e)
            .FirstOrDefault();

    private static string PartitionLabel(char slot) => $"ROOT-{char.ToUpperInvariant(slot)}";

    private void Reconcile(string? unreadable)
    {
        var state = _state with { Interrupted = unreadable ?? _state.Interrupted };
        if (state.MostRecentCommand is { CmdStatus: "Running" } cut)
        {
            state = state with
            {
                MostRecentCommand = cut with
                {
                    CmdStatus = "Failed",
                    Error = new UpdateError(UpdateErrorKind.Io, null, $"{cut.CmdType} was cut off: the updater stopped while it ran"),
                },
            };
        }

        // A choice made before the host moved to it (or past it) is stale.
        var running = _options.Host.Version;
        if (state.ChosenUpdate is { } chosen && (!HullVersion.TryParse(chosen.Version, out var chosenVersion) || chosenVersion <= running))
        {
            state = state with
            {
                ChosenUpdate = null,
                AvailableUpdates = [.. state.AvailableUpdates.Where(v => HullVersion.TryParse(v, out var available) && available > running)],
            };
        }

        if (state.Slot is { } slot)
        {
            var slotChar = slot.Slot[0];
            var ofSlot = _esp.OfSlot(slotChar);
            if (slot.Phase == SlotPhase.Writing)
            {
                state = state with
                {
                    Interrupted = $"prepare of {slot.Version} into slot {slot.Slot} was interrupted during {slot.Step} (started {slot.Started:yyyy-MM-ddTHH:mm:ssZ}); the slot holds nothing bootable; prepare again",
                    Slot = null,
                };

                // A staged UKI could be left over from step 4; nothing of a cut-off prepare is kept.
                if (slotChar != _options.RunningSlot)
                {
                    _esp.DeleteSlot(slotChar);
                }
            }
            else if (slotChar == _options.RunningSlot
                || (slot.Phase == SlotPhase.Ready && !ofSlot.Any(e => e.State == BootEntryState.Staged))
                || (slot.Phase == SlotPhase.Activated && !ofSlot.Any(e => e.State == BootEntryState.Trial)))
            {
                // Booted into it, or its entry was tried and went bad, or removed by hand: the record is done with.
                state = state with { Slot = null };
            }
        }

        if (state != _state)
        {
            Save(state);
        }
    }

    private void Save(UpdaterState state)
    {
        _state = state;
        TufFiles.WriteAtomic(StateFile, JsonSerializer.SerializeToUtf8Bytes(state, UpdaterJsonContext.Default.UpdaterState));
    }

    // One command at a time: a second one while the first runs is refused at once, not queued behind a slot write.
    private async Task<UpdaterReply> ExclusiveAsync(string command, Func<CancellationToken, Task<UpdateError?>> run, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            var running = _state.MostRecentCommand;
            return new UpdaterReply(Status(), new UpdateError(UpdateErrorKind.Busy, null,
                $"{running?.CmdType ?? "a command"} is running (since {running?.Timestamp:yyyy-MM-ddTHH:mm:ssZ}); try {command} again when it is done"));
        }

        try
        {
            Save(_state with { MostRecentCommand = new CommandResult(command, "Running", Now) });
            UpdateError? error;
            try
            {
                error = await run(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = new UpdateError(UpdateErrorKind.Io, null, e.Message);
            }

            Save(_state with { MostRecentCommand = new CommandResult(command, error is null ? "Success" : "Failed", Now, error) });
            return new UpdaterReply(Status(), error);
        }
        finally
        {
            _gate.Release();
        }
    }
}
