using System.Text.Json;

namespace Hull.Api;

/// <summary>GET /workloads: the state the workload manager last published (an empty list before its first pass); GET /workloads/NAME/logs?lines=N: its replicas' output.</summary>
internal static class WorkloadEndpoints
{
    public static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapGet("/workloads", () =>
        {
            var workloads = File.Exists(options.WorkloadsFile)
                ? JsonSerializer.Deserialize(File.ReadAllText(options.WorkloadsFile), ApiJsonContext.Default.ListWorkloadStatus) ?? []
                : [];
            return Results.Json(workloads, ApiJsonContext.Default.ListWorkloadStatus);
        });

        app.MapGet("/workloads/{name}/logs", (string name, HttpRequest request) =>
        {
            var lines = 100;
            if (request.Query["lines"].FirstOrDefault() is { } text && (!int.TryParse(text, out lines) || lines is < 1 or > 10_000))
            {
                return Results.Json(new ApiError($"lines: '{text}' is not a number from 1 to 10000"), ApiJsonContext.Default.ApiError, statusCode: 400);
            }

            return Workloads.WorkloadLogs.Tail(options.WorkloadLogRoot, name, lines) is { } logs
                ? Results.Text(logs, "text/plain; charset=utf-8")
                : Results.Json(new ApiError($"workload '{name}' has no logs (no replica has run)"), ApiJsonContext.Default.ApiError, statusCode: 404);
        });
    }
}
