using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Ctl;

/// <summary>`hull ctl update check | apply | cancel | rollback | status`, Bottlerocket's `apiclient update` over the update API.</summary>
internal static partial class CtlRunner
{
    private static readonly TimeSpan PreparePoll = TimeSpan.FromSeconds(2);

    private static async Task<int> UpdateAsync(CtlSession session, string[] args)
    {
        var reboot = args.Contains("--reboot");
        var rest = args.Where(a => a != "--reboot").ToArray();
        if (reboot && rest is not (["apply"] or ["rollback"]))
        {
            return await session.UsageAsync("--reboot goes with update apply or update rollback").ConfigureAwait(false);
        }

        switch (rest)
        {
            case ["status"]:
                return await PrintAsync(session, HttpMethod.Get, "/updates/status").ConfigureAwait(false);
            case ["check"]:
                return await PrintAsync(session, HttpMethod.Post, "/actions/refresh-updates").ConfigureAwait(false);
            case ["cancel"]:
                return await PrintAsync(session, HttpMethod.Post, "/actions/deactivate-update").ConfigureAwait(false);
            case ["rollback"]:
                var rolledBack = await PrintAsync(session, HttpMethod.Post, "/actions/rollback-update").ConfigureAwait(false);
                return rolledBack != 0 || !reboot ? rolledBack : await RebootAsync(session).ConfigureAwait(false);
            case ["apply"]:
                return await ApplyUpdateAsync(session, reboot).ConfigureAwait(false);
            default:
                return await session.UsageAsync("update takes check, apply [--reboot], cancel, rollback [--reboot] or status").ConfigureAwait(false);
        }
    }

    // Refresh, prepare (waiting for the slot to be written), activate; the new version boots at the next reboot.
    private static async Task<int> ApplyUpdateAsync(CtlSession session, bool reboot)
    {
        var (code, body) = await session.SendAsync(HttpMethod.Post, "/actions/refresh-updates", null).ConfigureAwait(false);
        if (code != 0)
        {
            return code;
        }

        if (Field(body, "chosen_update", "version") is not { } version)
        {
            var why = string.Join("; ", Lines(body, "not_chosen"));
            await session.Error.WriteLineAsync($"hull ctl: no update to apply ({(why.Length > 0 ? why : "nothing newer in the repository")})").ConfigureAwait(false);
            return 1;
        }

        await session.Output.WriteLineAsync($"writing {version} to the other slot ...").ConfigureAwait(false);
        (code, body) = await session.SendAsync(HttpMethod.Post, "/actions/prepare-update", null).ConfigureAwait(false);
        while (code == 0 && Field(body, "most_recent_command", "cmd_type") == "prepare" && Field(body, "most_recent_command", "cmd_status") == "Running")
        {
            await Task.Delay(PreparePoll, session.CancellationToken).ConfigureAwait(false);
            (code, body) = await session.SendAsync(HttpMethod.Get, "/updates/status", null).ConfigureAwait(false);
        }

        if (code != 0)
        {
            return code;
        }

        if (Field(body, "most_recent_command", "cmd_status") == "Failed")
        {
            await session.Error.WriteLineAsync($"hull ctl: the update to {version} failed: {Field(body, "most_recent_command", "error", "message") ?? "no reason given"}").ConfigureAwait(false);
            return 1;
        }

        (code, _) = await session.SendAsync(HttpMethod.Post, "/actions/activate-update", null).ConfigureAwait(false);
        if (code != 0)
        {
            return code;
        }

        await session.Output.WriteLineAsync(reboot ? $"{version} is ready; rebooting into it" : $"{version} is ready: it boots at the next reboot (hull ctl reboot)").ConfigureAwait(false);
        return reboot ? await RebootAsync(session).ConfigureAwait(false) : 0;
    }

    private static async Task<int> PrintAsync(CtlSession session, HttpMethod method, string path)
    {
        var (code, body) = await session.SendAsync(method, path, null).ConfigureAwait(false);
        if (code == 0)
        {
            await session.Output.WriteLineAsync(body).ConfigureAwait(false);
        }

        return code;
    }

    private static async Task<int> RebootAsync(CtlSession session) =>
        (await session.SendAsync(HttpMethod.Post, "/actions/reboot", null).ConfigureAwait(false)).Code;

    private static string? Field(string json, params string[] path)
    {
        try
        {
            var node = JsonNode.Parse(json);
            foreach (var name in path)
            {
                node = node?[name];
            }

            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Lines(string json, string name)
    {
        try
        {
            return JsonNode.Parse(json)?[name] is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToList() : [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }
}
