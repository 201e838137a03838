using System.Text.Json;

namespace Hull.Api;

/// <summary>GET /workloads: the state the workload manager last published (an empty list before its first pass).</summary>
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
    }
}
