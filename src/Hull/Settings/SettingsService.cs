using System.Text.Json.Nodes;
using Hull.Datastore;

namespace Hull.Settings;

/// <summary>
/// What the settings endpoints do, apart from HTTP: validate, stage in a transaction, commit,
/// apply, and revert a commit that is not confirmed in time (<c>SettingsService.Confirmation.cs</c>).
/// The datastore is the only state; every boot seeds it with the variant's defaults once and applies
/// everything it holds.
/// </summary>
internal sealed partial class SettingsService
{
    private const string DefaultsTransaction = "hull-defaults";

    private readonly IDatastore _store;
    private readonly SettingsApplier _applier;
    private readonly string _variant;
    private readonly ApplyQueue _applies;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly IServiceRestarter _restarter;

    /// <summary>A service over <paramref name="store"/>; <paramref name="restarter"/> restarts the services of changed files (none by default).</summary>
    public SettingsService(IDatastore store, SettingsApplier applier, string variant, TimeProvider? time = null, TextWriter? log = null, IServiceRestarter? restarter = null)
    {
        _store = store;
        _applier = applier;
        _variant = variant;
        _time = time ?? TimeProvider.System;
        _log = log ?? TextWriter.Null;
        _restarter = restarter ?? NoServiceRestarts.Instance;
        _applies = new ApplyQueue(ApplyNowAsync);
    }

    /// <summary>First boot: commit the variant's defaults (an empty live store means a new host).</summary>
    public async Task EnsureDefaultsAsync(CancellationToken cancellationToken)
    {
        var live = (await _store.GetLiveAsync(null, cancellationToken).ConfigureAwait(false)).Value;
        if (live.Count > 0)
        {
            return;
        }

        var defaults = new Dictionary<string, string>(SettingsDefaults.For(_variant), StringComparer.Ordinal);
        foreach (var (key, value) in SettingGenerators.Generate())
        {
            defaults[key] = value;
        }

        Check(await _store.SetPendingAsync(DefaultsTransaction, defaults, cancellationToken).ConfigureAwait(false));
        Check((await _store.CommitAsync(DefaultsTransaction, cancellationToken).ConfigureAwait(false)).Error);
    }

    /// <summary>The settings object (inside "settings"), live or as <paramref name="transaction"/> would make it, limited to <paramref name="keys"/> or <paramref name="prefix"/>.</summary>
    public async Task<SettingsOutcome<JsonObject>> GetAsync(IReadOnlyList<string>? keys, string? prefix, string? transaction, CancellationToken cancellationToken)
    {
        var read = transaction is null
            ? await _store.GetLiveAsync(null, cancellationToken).ConfigureAwait(false)
            : await _store.GetEffectiveAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        if (read.Error is { } error)
        {
            return SettingsOutcome<JsonObject>.Refused(error.Message);
        }

        IEnumerable<KeyValuePair<string, string>> selected = read.Value;
        if (keys is { Count: > 0 })
        {
            selected = selected.Where(kv => keys.Any(k => Within(kv.Key, Qualify(k))));
        }
        else if (!string.IsNullOrEmpty(prefix))
        {
            selected = selected.Where(kv => Within(kv.Key, Qualify(prefix)));
        }

        return SettingsTree.Unflatten(selected.ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>Validates <paramref name="patch"/> (the object inside "settings") and stages it in <paramref name="transaction"/>; nothing is stored when anything is invalid.</summary>
    public async Task<SettingsOutcome<bool>> PatchAsync(JsonObject patch, string transaction, CancellationToken cancellationToken)
    {
        var errors = SettingsValidator.Validate(patch);
        if (errors.Count > 0)
        {
            return SettingsOutcome<bool>.Refused(errors.Select(e => e.Message).ToList());
        }

        var error = await _store.SetPendingAsync(transaction, SettingsTree.Flatten(patch), cancellationToken).ConfigureAwait(false);
        return error is null ? true : SettingsOutcome<bool>.Refused(error.Message);
    }

    /// <summary>
    /// Stages, in <paramref name="transaction"/>, the removal of each of <paramref name="keys"/> ("settings." optional)
    /// and everything under it. A removed key with a variant default is staged back to that default; a required key
    /// (<see cref="RequiredSettings"/>) is refused, as is a key with nothing at or under it (not found).
    /// </summary>
    public async Task<SettingsOutcome<bool>> RemoveAsync(IReadOnlyList<string> keys, string transaction, CancellationToken cancellationToken)
    {
        var canonical = new List<string>();
        var errors = new List<string>();
        foreach (var key in keys.Select(Qualify))
        {
            var parsed = DatastoreKey.Parse(key);
            if (!parsed.Succeeded)
            {
                errors.Add(parsed.Error.Message);
            }
            else if (RequiredSettings.RefuseRemoval(parsed.Value.ToString()) is { } refusal)
            {
                errors.Add(refusal);
            }
            else
            {
                canonical.Add(parsed.Value.ToString());
            }
        }

        if (errors.Count > 0)
        {
            return SettingsOutcome<bool>.Refused(errors);
        }

        var defaults = SettingsDefaults.For(_variant).Where(d => canonical.Any(k => SettingsMap.IsAtOrUnder(d.Key, k))).ToDictionary(StringComparer.Ordinal);
        var error = await _store.RemovePendingAsync(transaction, canonical, defaults, cancellationToken).ConfigureAwait(false);
        return error is null ? true : SettingsOutcome<bool>.Refused(error);
    }

    /// <summary>What <paramref name="transaction"/> holds: <c>{"settings": {...values}, "removed": [keys]}</c>, "removed" only when it removes any.</summary>
    public async Task<SettingsOutcome<JsonObject>> PendingAsync(string transaction, CancellationToken cancellationToken)
    {
        var pending = await _store.GetPendingAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        var removals = await _store.GetPendingRemovalsAsync(transaction, cancellationToken).ConfigureAwait(false);
        if ((pending.Error ?? removals.Error) is { } error)
        {
            return SettingsOutcome<JsonObject>.Refused(error.Message);
        }

        var view = SettingsTree.Unflatten(pending.Value, null);
        if (removals.Value.Count > 0)
        {
            view[RemovedProperty] = new JsonArray([.. removals.Value.Select(k => JsonValue.Create(k))]);
        }

        return view;
    }

    /// <summary>The property of GET /tx that lists the keys a transaction removes, beside "settings".</summary>
    public const string RemovedProperty = "removed";

    public async Task<SettingsOutcome<IReadOnlyList<string>>> DeleteAsync(string transaction, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return deleted.Error is { } error
            ? SettingsOutcome<IReadOnlyList<string>>.Refused(error.Message)
            : SettingsOutcome<IReadOnlyList<string>>.Ok([.. deleted.Value.Values.Keys, .. deleted.Value.Removals]);
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => _store.ListTransactionsAsync(cancellationToken);

    /// <summary>
    /// Commits <paramref name="transaction"/>, checked again against the live settings it applies to; returns the keys
    /// whose live value changed. The files of removed settings are handed back at the next apply.
    /// </summary>
    public async Task<SettingsOutcome<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken)
    {
        var committed = await _store.CommitAsync(transaction, new CommitOptions { Validate = ValidateForHost }, cancellationToken).ConfigureAwait(false);
        if (committed.Error is { } error)
        {
            return SettingsOutcome<IReadOnlyList<string>>.Refused(error);
        }

        Release(committed.Value.Removed);
        return SettingsOutcome<IReadOnlyList<string>>.Ok(committed.Value.Changed);
    }

    // The files that removed settings fed are left to nobody: the next apply (after its renders) gives them what a
    // boot without those settings would.
    private void Release(IReadOnlyDictionary<string, string> removed)
    {
        if (removed.Count == 0)
        {
            return;
        }

        var released = _applier.Released(SettingsTree.Unflatten(removed), [.. removed.Keys]);
        lock (_confirmationGate)
        {
            _restores.AddRange(released);
        }
    }

    /// <summary>Makes the live settings take effect, for <paramref name="keys"/> or everything; returns what failed to apply.</summary>
    public Task<IReadOnlyList<ApplyFailure>> ApplyAsync(IReadOnlyCollection<string>? keys, CancellationToken cancellationToken) =>
        _applies.ApplyAsync(keys?.Select(Qualify).ToList(), cancellationToken);

    // One run of the apply queue: render what the keys affect from live as it is now, hand back the files that
    // reverts left to nobody (after the renders, from the same live, so a key committed again meanwhile wins), then
    // restart the services of the files whose content changed, once each, after every file is written. Restored
    // files restart nothing: every file with a service renders under any settings, so none is ever restored.
    private async Task<IReadOnlyList<ApplyFailure>> ApplyNowAsync(IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        var live = (await GetAsync(null, null, null, cancellationToken).ConfigureAwait(false)).Value!;
        var applied = _applier.Apply(live, keys);
        if (TakeRestores() is { Count: > 0 } restores)
        {
            _applier.Restore(live, restores);
        }

        return [.. applied.Failures, .. await RestartAsync(applied.Changed, cancellationToken).ConfigureAwait(false)];
    }

    // A refused restart is a failure of each changed file with a service: the caller whose keys made it hears it.
    private async Task<IReadOnlyList<ApplyFailure>> RestartAsync(IReadOnlyList<ConfigurationFile> changed, CancellationToken cancellationToken)
    {
        var withServices = changed.Where(f => f.Services.Count > 0).ToList();
        var services = ServiceRestarts.Order(withServices.SelectMany(f => f.Services));
        if (services.Count == 0)
        {
            return [];
        }

        var reply = await _restarter.RestartAsync(services, cancellationToken).ConfigureAwait(false);
        var files = string.Join(", ", withServices.Select(f => f.Path));
        if (reply.Error is not { } error)
        {
            _log.WriteLine(reply.Restarted is { Count: > 0 } restarted ? $"apiserver: restarted {string.Join(", ", restarted)} for {files}" : $"apiserver: {files} changed; no services to restart here");
            return [];
        }

        _log.WriteLine($"apiserver: {files} changed, but restarting {string.Join(", ", services)} failed: {error}");
        return [.. withServices.Select(f => new ApplyFailure(f, $"written, but restarting {string.Join(", ", f.Services)} failed: {error}"))];
    }

    // The schema's checks, then what the running host cannot take (a lower kernel lockdown).
    private string? ValidateForHost(IReadOnlyDictionary<string, string> live, IReadOnlyList<string> changed) =>
        ValidateCommit(live, changed) ?? _applier.Refusal(live, changed);

    // Checked again at commit, against live as the commit leaves it: the changed keys must still pass the schema
    // (a transaction can wait a long time between its PATCH and its commit), none may be both a value and a
    // table with another live key, and no required key may be gone (removed keys are changed keys live lacks).
    internal static string? ValidateCommit(IReadOnlyDictionary<string, string> live, IReadOnlyList<string> changed)
    {
        if (changed.Where(k => !live.ContainsKey(k)).Select(RequiredSettings.RefuseRemoval).OfType<string>().FirstOrDefault() is { } required)
        {
            return required;
        }

        changed = [.. changed.Where(live.ContainsKey)];
        JsonObject tree;
        try
        {
            tree = SettingsTree.Unflatten(changed.ToDictionary(k => k, k => live[k], StringComparer.Ordinal));
        }
        catch (FormatException e)
        {
            return e.Message;
        }

        var errors = SettingsValidator.Validate(tree);
        if (errors.Count > 0)
        {
            return string.Join("; ", errors.Select(e => e.Message));
        }

        foreach (var key in changed)
        {
            if (live.Keys.FirstOrDefault(other => other.StartsWith(key + ".", StringComparison.Ordinal) || key.StartsWith(other + ".", StringComparison.Ordinal)) is { } clash)
            {
                return $"{key}: {clash} is set too; a setting cannot be both a value and a table";
            }
        }

        return null;
    }

    /// <summary>What committing <paramref name="transaction"/> and applying it would change: keys, files (before and after), and the services the apply would restart (those of the files whose content changes, in restart order).</summary>
    public async Task<SettingsOutcome<Api.DryRunResult>> DryRunAsync(string transaction, CancellationToken cancellationToken)
    {
        var live = await _store.GetLiveAsync(null, cancellationToken).ConfigureAwait(false);
        var effective = await _store.GetEffectiveAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        if ((live.Error ?? effective.Error) is { } error)
        {
            return SettingsOutcome<Api.DryRunResult>.Refused(error.Message);
        }

        var changed = effective.Value.Where(kv => live.Value.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key)
            .Concat(live.Value.Keys.Where(k => !effective.Value.ContainsKey(k))).Order(StringComparer.Ordinal).ToList();
        var removed = live.Value.Where(kv => !effective.Value.ContainsKey(kv.Key)).ToDictionary(StringComparer.Ordinal);
        var released = removed.Count == 0 ? [] : _applier.Released(SettingsTree.Unflatten(removed), [.. removed.Keys]);
        var files = _applier.DryRun(SettingsTree.Unflatten(effective.Value), changed, released);
        return new Api.DryRunResult(
            changed,
            [.. files.Select(f => new Api.FileDiff(f.Path, f.Before, f.After))],
            ServiceRestarts.Order(files.SelectMany(f => f.Services)));
    }

    /// <summary>The variant's default of every key at or under one of <paramref name="keys"/> ("settings." optional), by full key: what GET /metadata/templates answers.</summary>
    public JsonObject DefaultsOf(IReadOnlyList<string> keys)
    {
        var defaults = new JsonObject();
        foreach (var (key, value) in SettingsDefaults.For(_variant))
        {
            if (keys.Any(k => Within(key, Qualify(k))))
            {
                defaults[key] = JsonNode.Parse(value);
            }
        }

        return defaults;
    }

    /// <summary>The configuration files the live settings shape.</summary>
    public async Task<IReadOnlyList<ConfigurationFile>> ConfigurationFilesAsync(CancellationToken cancellationToken) =>
        ConfigurationFiles.For((await GetAsync(null, null, null, cancellationToken).ConfigureAwait(false)).Value!);

    private static void Check(DatastoreError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException(error.Message);
        }
    }

    // "motd" and "settings.motd" name the same key, as in apiclient.
    private static string Qualify(string key) => key == "settings" || key.StartsWith("settings.", StringComparison.Ordinal) ? key : "settings." + key;

    private static bool Within(string key, string prefix) => key == prefix || key.StartsWith(prefix + ".", StringComparison.Ordinal);
}
