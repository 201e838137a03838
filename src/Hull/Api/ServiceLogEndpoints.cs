namespace Hull.Api;

/// <summary>
/// GET /services/{name}/log?lines=N: the last lines of a supervised service's log (PID 1 writes
/// each service's output to its own file; the host has no shell to read them with).
/// </summary>
internal static class ServiceLogEndpoints
{
    private const int DefaultLines = 200;
    private const int MaxLines = 10_000;

    public static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapGet("/services/{name}/log", (string name, HttpRequest request) =>
        {
            // Only the services PID 1 runs can be named, so no path outside the log folder can be.
            if (!ApiServer.ReadServices(options.ServicesFile).Any(s => s.Name == name))
            {
                return Results.Json(new ApiError($"no service named '{name}'"), ApiJsonContext.Default.ApiError, statusCode: 404);
            }

            var lines = DefaultLines;
            if (request.Query["lines"].FirstOrDefault() is { } text && (!int.TryParse(text, out lines) || lines < 1 || lines > MaxLines))
            {
                return Results.Json(new ApiError($"lines: '{text}' is not a number from 1 to {MaxLines}"), ApiJsonContext.Default.ApiError, statusCode: 400);
            }

            var file = Path.Combine(options.LogDirectory, name + ".log");
            return Results.Text(File.Exists(file) ? Joined(Platform.LogFile.LastLines(file, lines)) : "", "text/plain; charset=utf-8");
        });
    }

    private static string Joined(IReadOnlyCollection<string> lines) => lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
}
