using Hull.Updates;

namespace Hull.Api;

/// <summary>
/// Bottlerocket's update API, served by asking the updater service on its control socket: <c>GET /updates/status</c>,
/// and the actions <c>refresh-updates</c>, <c>prepare-update</c>, <c>activate-update</c>, <c>deactivate-update</c> and
/// Hull's <c>rollback-update</c>. A prepare that is still writing the slot after <see cref="PrepareWait"/> answers 202
/// and goes on; its outcome is the status's <c>most_recent_command</c>.
/// </summary>
internal static class UpdateEndpoints
{
    /// <summary>How long a prepare is waited for before it is left to run (refusals come back well within it).</summary>
    public static readonly TimeSpan PrepareWait = TimeSpan.FromSeconds(3);

    public static void Map(WebApplication app, ApiServerOptions options)
    {
        var updater = new UpdaterControlClient(options.UpdaterSocket);
        app.MapGet("/updates/status", async (CancellationToken ct) => Answer(await updater.SendAsync("status", ct).ConfigureAwait(false), ok: 200));
        foreach (var (action, command) in (ReadOnlySpan<(string, string)>)[("refresh-updates", "refresh"), ("activate-update", "activate"), ("deactivate-update", "deactivate"), ("rollback-update", "rollback")])
        {
            app.MapPost($"/actions/{action}", async (CancellationToken ct) => Answer(await updater.SendAsync(command, ct).ConfigureAwait(false), ok: 200));
        }

        app.MapPost("/actions/prepare-update", async () =>
        {
            // Not the request's token: the write goes on when the client stops waiting.
            var preparing = updater.SendAsync("prepare", CancellationToken.None);
            var done = await Task.WhenAny(preparing, Task.Delay(PrepareWait)).ConfigureAwait(false) == preparing;
            if (done)
            {
                return Answer(await preparing.ConfigureAwait(false), ok: 200);
            }

            _ = preparing.ContinueWith(
                t => options.Console.WriteLine(t.Result.Error is { } e ? $"apiserver: prepare-update failed: {e.Message}" : "apiserver: prepare-update done"),
                TaskScheduler.Default);
            return Results.Json(await updater.SendAsync("status", CancellationToken.None).ConfigureAwait(false) is { Status: { } status } ? status : null,
                UpdaterJsonContext.Default.UpdateStatus, statusCode: 202);
        });
    }

    private static IResult Answer(UpdaterReply reply, int ok) => reply.Error is { } error
        ? Results.Json(new ApiError(error.Message), ApiJsonContext.Default.ApiError, statusCode: StatusFor(error.Kind))
        : Results.Json(reply.Status, UpdaterJsonContext.Default.UpdateStatus, statusCode: ok);

    /// <summary>The HTTP status for a refusal: the request does not fit the state (409), the repository sent something refused (502), the updater is away (503).</summary>
    public static int StatusFor(UpdateErrorKind kind) => kind switch
    {
        UpdateErrorKind.BadRequest or UpdateErrorKind.Settings => 400,
        UpdateErrorKind.NoUpdate => 404,
        UpdateErrorKind.NotAllowed => 409,
        UpdateErrorKind.Busy => 423,
        UpdateErrorKind.Tuf or UpdateErrorKind.Manifest or UpdateErrorKind.WrongImage or UpdateErrorKind.TooLarge
            or UpdateErrorKind.HashMismatch or UpdateErrorKind.Corrupt => 502,
        UpdateErrorKind.Unavailable => 503,
        _ => 500,
    };
}
