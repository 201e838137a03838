using System.Text.Json.Nodes;

namespace Hull.Api;

/// <summary>
/// Read-only views of the running host's state as the kernel and /etc have it (not the
/// datastore), so an operator can see a setting's effect: GET /host, GET /host/sysctl?names=.
/// </summary>
internal static class HostEndpoints
{
    public static void Map(WebApplication app, string root)
    {
        var lockdown = new Platform.KernelLockdown(root, mountSecurityFs: root == "/");
        app.MapGet("/host", () => Results.Json(new JsonObject
        {
            ["hostname"] = Read(root, "proc/sys/kernel/hostname"),
            ["motd"] = Read(root, "etc/motd"),
            ["time_sync"] = Read(root, "run/hull/time-sync.json") is { } sync ? JsonNode.Parse(sync) : null,
            ["lockdown"] = Lockdown(lockdown),
            ["modules"] = Read(root, "proc/modules") is { } modules
                ? new JsonArray([.. Platform.LoadedModule.ParseAll(modules).Keys.Order(StringComparer.Ordinal).Select(n => JsonValue.Create(n))])
                : null,
        }, ApiJsonContext.Default.JsonObject));

        app.MapGet("/host/sysctl", (HttpRequest request) =>
        {
            var names = request.Query["names"].FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var values = new JsonObject();
            foreach (var name in names)
            {
                // Only dotted sysctl names: nothing outside /proc/sys can be named.
                if (name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
                {
                    return Results.Json(new ApiError($"'{name}' is not a sysctl name"), ApiJsonContext.Default.ApiError, statusCode: 400);
                }

                values[name] = Read(root, Platform.Sysctl.RelativePath(name))?.TrimEnd('\n');
            }

            return Results.Json(values, ApiJsonContext.Default.JsonObject);
        });
    }

    private static string? Lockdown(Platform.KernelLockdown lockdown)
    {
        try
        {
            return lockdown.Current();
        }
        catch (IOException)
        {
            return null; // securityfs could not be mounted: the level is unknown, not an error of GET /host
        }
    }

    private static string? Read(string root, string path)
    {
        var full = Path.Combine(root, path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }
}
