using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Settings;

namespace Hull.Api;

/// <summary>
/// GET / — Bottlerocket's model, everything the API knows in one object: <c>settings</c> (live),
/// <c>services</c> (those settings restart: name → configuration-files, restart-commands),
/// <c>configuration-files</c> (name → path, and Hull's settings prefixes and services instead of
/// Bottlerocket's template-path: Hull renders in code, not from template files) and <c>os</c>.
/// <c>?prefix=</c> keeps the sections it can match, as Bottlerocket does: a prefix of a section's
/// name ("se", "settings") keeps it whole; a longer one ("settings.motd", "os.arch") narrows it.
/// </summary>
internal static class ModelEndpoints
{
    public static void Map(WebApplication app, SettingsService settings, string root)
    {
        app.MapGet("/", async (HttpRequest request, CancellationToken ct) =>
        {
            var prefix = request.Query["prefix"].FirstOrDefault();
            if (prefix is { Length: 0 })
            {
                return Results.Json(new ApiError("the query parameter prefix is empty; leave it out for the whole model"), ApiJsonContext.Default.ApiError, statusCode: 400);
            }

            var model = new JsonObject();
            if (Narrow(prefix, "settings") is (true, var within))
            {
                var live = await settings.GetAsync(null, within, null, ct).ConfigureAwait(false);
                model["settings"] = live.Value;
            }

            var files = await settings.ConfigurationFilesAsync(ct).ConfigureAwait(false);
            if (Narrow(prefix, "services") is (true, var service))
            {
                model["services"] = Services(files, service);
            }

            if (Narrow(prefix, "configuration-files") is (true, var file))
            {
                model["configuration-files"] = ConfigurationFiles(files, file);
            }

            if (Narrow(prefix, "os") is (true, var field))
            {
                var os = JsonSerializer.SerializeToNode(OsInfoReader.Read(root), ApiJsonContext.Default.OsInfo)!.AsObject();
                model["os"] = new JsonObject(os.Where(f => field is null || f.Key.StartsWith(field, StringComparison.Ordinal)).Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())));
            }

            return Results.Json(model, ApiJsonContext.Default.JsonObject);
        });
    }

    // Bottlerocket's check_prefix: whether the section is asked for at all, and the narrower prefix within it
    // (for settings the whole dotted prefix, elsewhere the text after "section.") or null for all of it.
    private static (bool Match, string? Within) Narrow(string? prefix, string section)
    {
        var dotted = section + ".";
        if (prefix is null || dotted.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (true, null);
        }

        if (!prefix.StartsWith(dotted, StringComparison.Ordinal))
        {
            return (false, null);
        }

        return (true, section == "settings" ? prefix : prefix[dotted.Length..]);
    }

    private static JsonObject Services(IReadOnlyList<ConfigurationFile> files, string? prefix)
    {
        var services = new JsonObject();
        foreach (var name in files.SelectMany(f => f.Services).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (prefix is null || name.StartsWith(prefix, StringComparison.Ordinal))
            {
                services[name] = new JsonObject
                {
                    ["configuration-files"] = new JsonArray([.. files.Where(f => f.Services.Contains(name)).Select(f => JsonValue.Create(f.Name))]),
                    ["restart-commands"] = new JsonArray(),
                };
            }
        }

        return services;
    }

    private static JsonObject ConfigurationFiles(IReadOnlyList<ConfigurationFile> files, string? prefix)
    {
        var result = new JsonObject();
        foreach (var file in files.Where(f => prefix is null || f.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            result[file.Name] = new JsonObject
            {
                ["path"] = file.Path,
                ["settings"] = new JsonArray([.. file.Prefixes.Select(p => JsonValue.Create(p))]),
                ["services"] = new JsonArray([.. file.Services.Select(s => JsonValue.Create(s))]),
            };
        }

        return result;
    }
}
