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

    public SettingsService(IDatastore store, SettingsApplier applier, string variant, TimeProvider? time = null, TextWriter? log = null)
    {
        _store = store;
        _applier = applier;
        _variant = variant;
        _time = time ?? TimeProvider.System;
        _log = log ?? TextWriter.Null;
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

    public async Task<SettingsOutcome<JsonObject>> PendingAsync(string transaction, CancellationToken cancellationToken)
    {
        var pending = await _store.GetPendingAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        return pending.Error is { } error ? SettingsOutcome<JsonObject>.Refused(error.Message) : SettingsTree.Unflatten(pending.Value, null);
    }

    public async Task<SettingsOutcome<IReadOnlyList<string>>> DeleteAsync(string transaction, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return deleted.Error is { } error
            ? SettingsOutcome<IReadOnlyList<string>>.Refused(error.Message)
            : SettingsOutcome<IReadOnlyList<string>>.Ok([.. deleted.Value.Values.Keys, .. deleted.Value.Removals]);
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => _store.ListTransactionsAsync(cancellationToken);

    /// <summary>Commits <paramref name="transaction"/>, checked again against the live settings it applies to; returns the keys whose live value changed.</summary>
    public async Task<SettingsOutcome<IReadOnlyList<string>>> CommitAsync(string transaction, CancellationToken cancellationToken)
    {
        var committed = await _store.CommitAsync(transaction, new CommitOptions { Validate = ValidateCommit }, cancellationToken).ConfigureAwait(false);
        return committed.Error is { } error ? SettingsOutcome<IReadOnlyList<string>>.Refused(error) : SettingsOutcome<IReadOnlyList<string>>.Ok(committed.Value.Changed);
    }

    /// <summary>Makes the live settings take effect, for <paramref name="keys"/> or everything; returns what failed to apply.</summary>
    public Task<IReadOnlyList<ApplyFailure>> ApplyAsync(IReadOnlyCollection<string>? keys, CancellationToken cancellationToken) =>
        _applies.ApplyAsync(keys?.Select(Qualify).ToList(), cancellationToken);

    // One run of the apply queue: render what the keys affect from live as it is now, then hand back the files
    // that reverts left to nobody (after the renders, from the same live, so a key committed again meanwhile wins).
    private async Task<IReadOnlyList<ApplyFailure>> ApplyNowAsync(IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        var live = (await GetAsync(null, null, null, cancellationToken).ConfigureAwait(false)).Value!;
        var failures = _applier.Apply(live, keys);
        if (TakeRestores() is { Count: > 0 } restores)
        {
            _applier.Restore(live, restores);
        }

        return failures;
    }

    // Checked again at commit, against live as the commit leaves it: the changed keys must still pass the schema
    // (a transaction can wait a long time between its PATCH and its commit), and none may be both a value and a
    // table with another live key.
    internal static string? ValidateCommit(IReadOnlyDictionary<string, string> live, IReadOnlyList<string> changed)
    {
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

    /// <summary>What committing <paramref name="transaction"/> and applying it would change: keys, files (before and after), services.</summary>
    public async Task<SettingsOutcome<Api.DryRunResult>> DryRunAsync(string transaction, CancellationToken cancellationToken)
    {
        var live = await _store.GetLiveAsync(null, cancellationToken).ConfigureAwait(false);
        var pending = await _store.GetPendingAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        if ((live.Error ?? pending.Error) is { } error)
        {
            return SettingsOutcome<Api.DryRunResult>.Refused(error.Message);
        }

        var changed = pending.Value.Where(kv => live.Value.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key).ToList();
        var effective = await GetAsync(null, null, transaction, cancellationToken).ConfigureAwait(false);
        var files = _applier.DryRun(effective.Value!, changed);
        return new Api.DryRunResult(
            changed,
            [.. files.Select(f => new Api.FileDiff(f.Path, f.Before, f.After))],
            [.. files.SelectMany(f => f.Services).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
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
