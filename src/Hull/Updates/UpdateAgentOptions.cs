using Hull.Tuf;

namespace Hull.Updates;

/// <summary>Everything the agent touches, injected: on the host <see cref="UpdaterService"/> fills it; tests point it at temp folders and files.</summary>
internal sealed record UpdateAgentOptions
{
    /// <summary>The updater's state folder (<c>/var/lib/hull/updates</c>): state.json, tuf/, migrations/, boot-assessment.json.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The root.json the image trusts (<c>/usr/share/hull/updates/root.json</c>); copied into tuf/ on first use.</summary>
    public required string TrustedRootFile { get; init; }

    /// <summary>Where the ESP is mounted (<c>/efi</c>).</summary>
    public required string EspDirectory { get; init; }

    /// <summary>The running image.</summary>
    public required UpdateHost Host { get; init; }

    /// <summary>The running slot (<c>a</c> or <c>b</c>, from <c>hull.slot</c>), or null when unknown (then nothing is written).</summary>
    public required char? RunningSlot { get; init; }

    /// <summary>The device of the partition with a GPT name (<c>ROOT-B</c>), or null when there is none.</summary>
    public required Func<string, string?> FindPartition { get; init; }

    /// <summary>Reads <c>settings.updates</c> (from the API on the host); throws <see cref="FormatException"/>, <see cref="HttpRequestException"/> or <see cref="IOException"/>.</summary>
    public required Func<CancellationToken, Task<UpdateSettings>> ReadSettings { get; init; }

    /// <summary>How the repository is reached for the given settings (HTTP on the host, a folder in tests).</summary>
    public required Func<UpdateSettings, ITufTransport> Transport { get; init; }

    /// <summary>The clock for expiry, waves and timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the agent tells what it does (each prepare step with its time; the service's log on the host).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>Called before each prepare step; tests throw from it to cut a prepare off as a power loss would.</summary>
    public Action<PrepareStep>? BeforeStep { get; init; }
}
