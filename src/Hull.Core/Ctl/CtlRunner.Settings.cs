using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Settings;

namespace Hull.Ctl;

/// <summary>`get`, `set`, `unset` and `apply`: the settings commands, shaped like Bottlerocket's apiclient.</summary>
internal static partial class CtlRunner
{
    private static async Task<int> GetSettingsAsync(CtlSession session, string[] keys)
    {
        var path = keys switch
        {
            [] => "/settings",
            [var prefix] => "/settings?prefix=" + Uri.EscapeDataString(prefix),
            _ => "/settings?keys=" + Uri.EscapeDataString(string.Join(',', keys)),
        };
        var (code, body) = await session.SendAsync(HttpMethod.Get, path, null).ConfigureAwait(false);
        if (code == 0)
        {
            var settings = JsonNode.Parse(body);
            await session.Output.WriteLineAsync(new JsonObject { ["settings"] = settings }.ToJsonString(Indented)).ConfigureAwait(false);
        }

        return code;
    }

    private static async Task<int> SetSettingsAsync(CtlSession session, string[] assignments, CommitMode mode)
    {
        JsonObject patch;
        if (assignments is ["--json", var json])
        {
            try
            {
                patch = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not a JSON object");
            }
            catch (JsonException e)
            {
                return await session.UsageAsync($"--json takes a JSON object of settings: {e.Message}").ConfigureAwait(false);
            }

            patch = patch["settings"] as JsonObject ?? patch;
        }
        else
        {
            patch = [];
            foreach (var assignment in assignments)
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return await session.UsageAsync($"'{assignment}' is not KEY=VALUE").ConfigureAwait(false);
                }

                var key = assignment[..equals];
                key = key.StartsWith("settings.", StringComparison.Ordinal) ? key["settings.".Length..] : key;
                Put(patch, SettingsKey.Split(key), ParseValue(assignment[(equals + 1)..]));
            }
        }

        return await CommitAsync(session, [patch], mode).ConfigureAwait(false);
    }

    // Each key in its own request (prefix= takes one key whole, where keys= would split a quoted segment at a comma);
    // all in one transaction, so nothing is removed unless every key is there (with --tx, the keys before a refused
    // one stay staged in the operator's transaction).
    private static async Task<int> UnsetSettingsAsync(CtlSession session, string[] keys, CommitMode mode)
    {
        if (keys.Length == 0 || keys.Any(k => k.StartsWith('-')))
        {
            return await session.UsageAsync("unset needs the KEYs to remove (each with everything under it)").ConfigureAwait(false);
        }

        var transaction = mode.Transaction ?? NewTransaction();
        foreach (var key in keys)
        {
            var (code, _) = await session.SendAsync(HttpMethod.Delete, $"/settings?prefix={Uri.EscapeDataString(key)}&tx={Uri.EscapeDataString(transaction)}", null).ConfigureAwait(false);
            if (code != 0)
            {
                return await AbandonAsync(session, mode, transaction, code).ConfigureAwait(false);
            }
        }

        return await CommitStagedAsync(session, transaction, mode).ConfigureAwait(false);
    }

    private static async Task<int> ApplySettingsAsync(CtlSession session, string[] files, CommitMode mode)
    {
        var patches = new List<JsonObject>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = file == "-" ? await Console.In.ReadToEndAsync(session.CancellationToken).ConfigureAwait(false) : await File.ReadAllTextAsync(file, session.CancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return await session.UsageAsync($"cannot read {file}: {e.Message}").ConfigureAwait(false);
            }

            var name = file == "-" ? "standard input" : file;
            JsonObject? settings;
            if (text.TrimStart().StartsWith('{'))
            {
                try
                {
                    var json = JsonNode.Parse(text) as JsonObject;
                    settings = json?["settings"] as JsonObject ?? json;
                }
                catch (JsonException e)
                {
                    return await session.UsageAsync($"{name} is not valid JSON: {e.Message}").ConfigureAwait(false);
                }
            }
            else
            {
                var parsed = UserDataSettings.Parse(text, name);
                if (!parsed.IsValid)
                {
                    return await session.UsageAsync($"{name} is not valid:\n  " + string.Join("\n  ", parsed.Errors.Select(e => e.Message))).ConfigureAwait(false);
                }

                settings = parsed.Settings;
            }

            patches.Add(settings ?? []);
        }

        // Each file is its own commit, as apiclient does it; a change that must be confirmed, or is staged in a named
        // transaction, is one of them all.
        if (mode.ConfirmWithin is not null || mode.Transaction is not null)
        {
            return await CommitAsync(session, patches, mode).ConfigureAwait(false);
        }

        foreach (var patch in patches)
        {
            var code = await CommitAsync(session, [patch], mode).ConfigureAwait(false);
            if (code != 0)
            {
                return code;
            }
        }

        return 0;
    }

    // One transaction of our own, so a half-typed change of someone else's is not committed with ours; or the one
    // named by --tx, where the change is only staged.
    private static async Task<int> CommitAsync(CtlSession session, IReadOnlyList<JsonObject> patches, CommitMode mode)
    {
        var transaction = mode.Transaction ?? NewTransaction();
        foreach (var patch in patches)
        {
            var (patched, _) = await session.SendAsync(HttpMethod.Patch, $"/settings?tx={Uri.EscapeDataString(transaction)}", patch.ToJsonString()).ConfigureAwait(false);
            if (patched != 0)
            {
                return await AbandonAsync(session, mode, transaction, patched).ConfigureAwait(false);
            }
        }

        return await CommitStagedAsync(session, transaction, mode).ConfigureAwait(false);
    }

    // Commits and applies what is staged in our transaction; with --tx, says where it waits instead.
    private static async Task<int> CommitStagedAsync(CtlSession session, string transaction, CommitMode mode)
    {
        if (mode.Transaction is not null)
        {
            await session.Output.WriteLineAsync(
                $"staged in transaction {transaction}; see it with: hull ctl raw '/tx?tx={transaction}'; commit it with: hull ctl raw -X POST '/tx/commit_and_apply?tx={transaction}'").ConfigureAwait(false);
            return 0;
        }

        var path = $"/tx/commit_and_apply?tx={Uri.EscapeDataString(transaction)}" + (mode.ConfirmWithin is { } seconds ? $"&confirm-within={seconds}" : "");
        var (code, answer) = await session.SendAsync(HttpMethod.Post, path, null).ConfigureAwait(false);
        if (code != 0)
        {
            return await AbandonAsync(session, mode, transaction, code).ConfigureAwait(false);
        }

        if (mode.ConfirmWithin is not null && JsonSerializer.Deserialize(answer, ApiJsonContext.Default.CommitReply)?.Confirmation is { } pending)
        {
            await session.Output.WriteLineAsync(
                $"committed; reverted at {pending.Deadline:u} ({pending.SecondsLeft:0} s) unless confirmed: hull ctl confirm {pending.Id}").ConfigureAwait(false);
        }

        await session.Output.WriteLineAsync(answer).ConfigureAwait(false);
        return code;
    }

    // A failed change leaves nothing behind in a transaction of our own; one named by --tx is the operator's.
    private static async Task<int> AbandonAsync(CtlSession session, CommitMode mode, string transaction, int code)
    {
        if (mode.Transaction is null)
        {
            await session.SendAsync(HttpMethod.Delete, $"/tx?tx={Uri.EscapeDataString(transaction)}", null).ConfigureAwait(false);
        }

        return code;
    }

    private static string NewTransaction() => "ctl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    // --tx NAME anywhere among the arguments of set, unset and apply: stage there, commit nothing.
    internal static (string[] Others, string? Transaction, string? Error) TakeTransaction(string[] args)
    {
        var at = Array.IndexOf(args, "--tx");
        if (at < 0)
        {
            return (args, null, null);
        }

        if (at + 1 >= args.Length || args[at + 1].Length == 0)
        {
            return (args, null, "--tx needs a transaction name");
        }

        return ([.. args[..at], .. args[(at + 2)..]], args[at + 1], null);
    }

    // --confirm-within 60s (or 60, 2m, 1h) anywhere among the arguments of set, unset and apply.
    internal static (string[] Others, int? Seconds, string? Error) TakeConfirmWithin(string[] args)
    {
        var at = Array.IndexOf(args, "--confirm-within");
        if (at < 0)
        {
            return (args, null, null);
        }

        if (at + 1 >= args.Length)
        {
            return (args, null, "--confirm-within needs a time: 60s, 5m, 1h");
        }

        var text = args[at + 1];
        var (number, unit) = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? (text[..^1], text[^1]) : (text, 's');
        var scale = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (scale == 0 || !int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return (args, null, $"--confirm-within: \"{text}\" is not a time such as 60s, 5m or 1h");
        }

        return ([.. args[..at], .. args[(at + 2)..]], count * scale, null);
    }

    // apiclient's rule: a value that parses as JSON is that JSON (true, 42, ["a"]), anything else is a string.
    internal static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static void Put(JsonObject root, IReadOnlyList<string> segments, JsonNode? value)
    {
        var node = root;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }

            node = child;
        }

        node[segments[^1]] = value;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, TypeInfoResolver = ApiJsonContext.Default };
}
