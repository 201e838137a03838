namespace Hull.Init;

/// <summary>
/// Waits for the host to become healthy, asking <c>problem</c> every poll and keeping the watchdog alive
/// between polls (so only a hang of this loop, of PID 1 or of the kernel lets it fire).
/// </summary>
internal static class HealthWait
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>Null once healthy within <paramref name="timeout"/>; otherwise the last problem seen.</summary>
    public static async Task<string?> UntilHealthyAsync(
        Func<Task<string?>> problem, Action keepAlive, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            keepAlive();
            var current = await problem().ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return current;
            }

            await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
