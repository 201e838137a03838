using Hull.Init;
using Hull.Settings;

namespace Hull.Tests.TestSupport;

/// <summary>Stands in for PID 1's control socket: records each restart asked for, and answers as told.</summary>
internal sealed class RecordingRestarter : IServiceRestarter
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<string>> _calls = [];

    /// <summary>Set to refuse every request with this error.</summary>
    public string? Refusal { get; set; }

    /// <summary>Every request, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public Task<InitReply> RestartAsync(IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _calls.Add([.. services]);
        }

        return Task.FromResult(Refusal is { } error ? InitReply.Refused(error) : new InitReply(services));
    }
}
