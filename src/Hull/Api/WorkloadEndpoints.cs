using System.Text.Json;
using Hull.Platform;

namespace Hull.Api;

/// <summary>
/// GET /workloads: the state the workload manager last published (an empty list before its first pass);
/// GET /workloads/NAME/logs?lines=N[&amp;follow=true]: its replicas' output, and with follow what they write next, streamed.
/// </summary>
internal static class WorkloadEndpoints
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(500);

    public static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapGet("/workloads", () => Results.Json(
            StatusFile.ReadList(options.WorkloadsFile, ApiJsonContext.Default.ListWorkloadStatus) ?? [], ApiJsonContext.Default.ListWorkloadStatus));

        app.MapGet("/workloads/{name}/logs", (string name, HttpRequest request) =>
        {
            var lines = 100;
            if (request.Query["lines"].FirstOrDefault() is { } text && (!int.TryParse(text, out lines) || lines is < 1 or > 10_000))
            {
                return Results.Json(new ApiError($"lines: '{text}' is not a number from 1 to 10000"), ApiJsonContext.Default.ApiError, statusCode: 400);
            }

            var follower = request.Query["follow"].FirstOrDefault() == "true" ? new Workloads.WorkloadLogFollower(options.WorkloadLogRoot, name) : null;
            if (Workloads.WorkloadLogs.Tail(options.WorkloadLogRoot, name, lines) is not { } logs)
            {
                return Results.Json(new ApiError($"workload '{name}' has no logs (no replica has run)"), ApiJsonContext.Default.ApiError, statusCode: 404);
            }

            return follower is null ? Results.Text(logs, "text/plain; charset=utf-8") : Results.Stream(
                body => FollowAsync(body, logs, follower, request.HttpContext.RequestAborted), "text/plain; charset=utf-8");
        });
    }

    // The tail, then what the replicas write, until the client goes away.
    private static async Task FollowAsync(Stream body, string tail, Workloads.WorkloadLogFollower follower, CancellationToken cancellationToken)
    {
        try
        {
            await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(tail), cancellationToken).ConfigureAwait(false);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                await Task.Delay(FollowInterval, cancellationToken).ConfigureAwait(false);
                if (follower.Poll() is { Length: > 0 } more)
                {
                    await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(more), cancellationToken).ConfigureAwait(false);
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped following.
        }
    }
}
