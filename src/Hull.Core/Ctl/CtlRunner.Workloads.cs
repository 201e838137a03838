using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;

namespace Hull.Ctl;

/// <summary>`hull ctl run | scale | rm | ps`: shorthand over settings.workloads and GET /workloads.</summary>
internal static partial class CtlRunner
{
    private const string RunUsage = "run NAME IMAGE [--replicas N] [--port [HOST:]CONTAINER[/udp]]... [--env KEY=VALUE]... [--volume NAME:PATH[:ro]]... [--health http:PORT/PATH|tcp:PORT] [--restart always|on-failure|never] [--cpus N] [--memory SIZE] [--user-namespace] [-- COMMAND [ARG...]]";

    private static async Task<int> RunWorkloadAsync(CtlSession session, string name, string image, string[] options)
    {
        var workload = new JsonObject { ["image"] = image };
        var ports = new JsonArray();
        var env = new JsonObject();
        var volumes = new JsonArray();
        for (var i = 0; i < options.Length; i++)
        {
            var option = options[i];
            if (option == "--")
            {
                var command = options[(i + 1)..];
                if (command.Length > 0)
                {
                    workload["command"] = new JsonArray([.. command.Select(c => JsonValue.Create(c))]);
                }

                break;
            }

            if (option == "--user-namespace")
            {
                workload["user-namespace"] = true;
                continue;
            }

            if (i + 1 >= options.Length)
            {
                return await session.UsageAsync($"{option} needs a value: {RunUsage}").ConfigureAwait(false);
            }

            var value = options[++i];
            switch (option)
            {
                case "--replicas" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas):
                    workload["replicas"] = replicas;
                    break;
                case "--port" when Port(value) is { } port:
                    ports.Add((JsonNode)port);
                    break;
                case "--env" when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals:
                    env[value[..equals]] = value[(equals + 1)..];
                    break;
                case "--volume" when Volume(value) is { } volume:
                    volumes.Add((JsonNode)volume);
                    break;
                case "--health" when Health(value) is { } health:
                    workload["health-check"] = health;
                    break;
                case "--restart":
                    workload["restart-policy"] = value;
                    break;
                case "--cpus":
                    workload["cpus"] = value;
                    break;
                case "--memory":
                    workload["memory"] = value;
                    break;
                default:
                    return await session.UsageAsync($"'{option} {value}' is not understood: {RunUsage}").ConfigureAwait(false);
            }
        }

        if (ports.Count > 0)
        {
            workload["ports"] = ports;
        }

        if (volumes.Count > 0)
        {
            workload["volumes"] = volumes;
        }

        if (env.Count > 0)
        {
            workload["env"] = env;
        }

        return await CommitAsync(session, [new JsonObject { ["workloads"] = new JsonObject { [name] = workload } }], CommitMode.Now).ConfigureAwait(false);
    }

    private static async Task<int> ScaleWorkloadAsync(CtlSession session, string name, string count)
    {
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas))
        {
            return await session.UsageAsync($"'{count}' is not a number of replicas").ConfigureAwait(false);
        }

        return await CommitAsync(session, [new JsonObject { ["workloads"] = new JsonObject { [name] = new JsonObject { ["replicas"] = replicas } } }], CommitMode.Now).ConfigureAwait(false);
    }

    // Checked first, so a typo gets the names there are, not a 404 on a key; then removed like `unset`.
    private static async Task<int> RemoveWorkloadAsync(CtlSession session, string name)
    {
        var (code, body) = await session.SendAsync(HttpMethod.Get, "/settings?prefix=settings.workloads", null).ConfigureAwait(false);
        if (code != 0)
        {
            return code;
        }

        var declared = (JsonNode.Parse(body)?["workloads"] as JsonObject)?.Select(w => w.Key).Order(StringComparer.Ordinal).ToList() ?? [];
        if (!declared.Contains(name))
        {
            await session.Error.WriteLineAsync(declared.Count == 0
                ? $"hull ctl: no workload named '{name}': settings.workloads is empty"
                : $"hull ctl: no workload named '{name}' (settings.workloads has: {string.Join(", ", declared)})").ConfigureAwait(false);
            return 1;
        }

        return await UnsetSettingsAsync(session, [Settings.SettingsKey.Child("settings.workloads", name)], CommitMode.Now).ConfigureAwait(false);
    }

    private static async Task<int> ListWorkloadsAsync(CtlSession session, bool json)
    {
        var (code, text) = await session.SendAsync(HttpMethod.Get, "/workloads", null).ConfigureAwait(false);
        if (code != 0)
        {
            return code;
        }

        await session.Output.WriteAsync(json ? text + "\n" : FormatWorkloads(JsonSerializer.Deserialize(text, ApiJsonContext.Default.ListWorkloadStatus) ?? [])).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> ImportImageAsync(CtlSession session, string file, string? name)
    {
        if (!File.Exists(file))
        {
            return await session.UsageAsync($"{file}: no such file (an OCI image archive)").ConfigureAwait(false);
        }

        var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        var path = "/images/import" + (name is null ? "" : "?name=" + Uri.EscapeDataString(name));
        var (code, text) = await session.SendContentAsync(HttpMethod.Post, path, content).ConfigureAwait(false);
        if (code == 0)
        {
            await session.Output.WriteLineAsync(text).ConfigureAwait(false);
        }

        return code;
    }

    // "8080", "80:8080", "5353:53/udp" → {container-port, host-port, protocol}.
    private static JsonObject? Port(string text)
    {
        var (spec, protocol) = text.EndsWith("/udp", StringComparison.Ordinal) ? (text[..^4], "udp") : text.EndsWith("/tcp", StringComparison.Ordinal) ? (text[..^4], "tcp") : (text, "tcp");
        var parts = spec.Split(':');
        var numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (parts.Length > 2 || numbers.Any(n => n < 0))
        {
            return null;
        }

        var port = new JsonObject { ["container-port"] = numbers[^1], ["protocol"] = protocol };
        if (numbers.Length == 2)
        {
            port["host-port"] = numbers[0];
        }

        return port;
    }

    // "data:/var/data" or "data:/var/data:ro" → {name, path, read-only}; the API checks the name and path.
    private static JsonObject? Volume(string text)
    {
        var parts = text.Split(':');
        return parts.Length switch
        {
            2 => new JsonObject { ["name"] = parts[0], ["path"] = parts[1] },
            3 when parts[2] is "ro" or "rw" => new JsonObject { ["name"] = parts[0], ["path"] = parts[1], ["read-only"] = parts[2] == "ro" },
            _ => null,
        };
    }

    // "http:8080/healthz" or "tcp:5432" → {type, port[, path]}.
    private static JsonObject? Health(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var type = text[..colon];
        var rest = text[(colon + 1)..];
        var slash = type == "http" ? rest.IndexOf('/', StringComparison.Ordinal) : -1;
        var portText = slash < 0 ? rest : rest[..slash];
        if (type is not ("http" or "tcp") || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var check = new JsonObject { ["type"] = type, ["port"] = port };
        if (slash >= 0)
        {
            check["path"] = rest[slash..];
        }

        return check;
    }

    private static string FormatWorkloads(List<WorkloadStatus> workloads)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"NAME",-20} {"READY",-7} {"IMAGE",-40} MESSAGE");
        foreach (var w in workloads)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{w.Name,-20} {$"{w.Running}/{w.Declared}",-7} {w.Image ?? "(removed)",-40} {w.Message}").TrimEnd());
            foreach (var r in w.Replicas)
            {
                var exit = r.ExitCode is { } code ? $" exit {code}" : "";
                var health = r.Health is null ? "" : $" {r.Health}{(r.HealthMessage is null ? "" : $" ({r.HealthMessage})")}";
                text.AppendLine(CultureInfo.InvariantCulture, $"  {r.Index,-3} {r.State,-8} {r.PodIp ?? "-",-15} restarts {r.Restarts}{exit}{health}{(r.Current ? "" : " (old spec)")}");
            }
        }

        return text.ToString();
    }

    // logs NAME [--lines N] --follow|-f, in any order.
    private static async Task<int> FollowLogsAsync(CtlSession session, string workload, string[] options)
    {
        var rest = options.Where(o => o is not ("--follow" or "-f")).ToArray();
        string? lines = rest switch
        {
            [] => null,
            ["--lines", var count] => count,
            _ => "",
        };
        if (lines == "")
        {
            return await session.UsageAsync("logs takes --lines N and --follow").ConfigureAwait(false);
        }

        return await session.StreamAsync($"/workloads/{Uri.EscapeDataString(workload)}/logs?follow=true" + (lines is null ? "" : $"&lines={Uri.EscapeDataString(lines)}")).ConfigureAwait(false);
    }
}
