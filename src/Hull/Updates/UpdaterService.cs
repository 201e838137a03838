using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Platform;
using Hull.Tuf;

namespace Hull.Updates;

/// <summary>
/// The <c>updater</c> service (<c>hull updater</c>, started by PID 1 after the apiserver): opens the update agent on the
/// host's state folder, ESP and root partitions, and serves it on <see cref="SocketPath"/> until SIGTERM. Settings are
/// read from the API at every refresh or prepare, so a change to <c>settings.updates</c> counts at once.
/// </summary>
internal static class UpdaterService
{
    /// <summary>The control socket the apiserver talks to.</summary>
    public const string SocketPath = "/run/hull/updater.sock";

    /// <summary>The updater's state folder on STATE.</summary>
    public const string StateDirectory = "/var/lib/hull/updates";

    /// <summary>The update repository's root.json the image trusts (the build embeds its keys' root).</summary>
    public const string TrustedRootFile = "/usr/share/hull/updates/root.json";

    /// <summary>Where PID 1 mounts the ESP.</summary>
    public const string EspDirectory = "/efi";

    public static int Run()
    {
        using var stopping = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        var os = OsInfoReader.Read();
        if (!Updates.HullVersion.TryParse(os.VersionId, out var version))
        {
            Console.Error.WriteLine($"updater: /etc/os-release: VERSION_ID '{os.VersionId}' is not a version like 1.2.3; cannot tell what is newer");
            return 1;
        }

        using var api = ApiClient.ForUnixSocket(ApiServer.SocketPath);
        using var repository = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        using var agent = UpdateAgent.Open(new UpdateAgentOptions
        {
            StateDirectory = StateDirectory,
            TrustedRootFile = TrustedRootFile,
            EspDirectory = EspDirectory,
            Host = new UpdateHost(version, os.VariantId, os.Arch),
            RunningSlot = os.ActiveSlot is "A" or "B" ? char.ToLowerInvariant(os.ActiveSlot[0]) : null,
            FindPartition = BlockDevices.FindPartition,
            ReadSettings = async ct => UpdateSettings.Parse(JsonNode.Parse(await api.GetStringAsync("/settings?prefix=settings.updates", ct).ConfigureAwait(false))?["updates"]),
            Transport = settings => new HttpTufTransport(repository, settings.MetadataBaseUrl, settings.TargetsBaseUrl),
            Log = Console.Out,
        });

        if (agent.Status().Interrupted is { } interrupted)
        {
            Console.WriteLine($"updater: {interrupted}");
        }

        using (UpdaterControlServer.Start(SocketPath, agent, Console.Out))
        {
            Console.WriteLine($"updater: serving {SocketPath} (running {version} {os.VariantId} {os.Arch}, slot {os.ActiveSlot})");
            stopping.Token.WaitHandle.WaitOne();
        }

        return 0;
    }
}
