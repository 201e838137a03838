using Hull.Containerd;
using Hull.Cri;
using Hull.Init;
using Hull.Oci;

namespace Hull.Containers;

/// <summary>
/// The CRI sandbox ("pause") image containerd's config names (<see cref="EtcFiles.SandboxImage"/>):
/// no registry serves it, so the host makes it at boot from <see cref="PauseElf"/> and imports it
/// into containerd's k8s.io namespace before any pod runs. Its digests are the same on every
/// host and boot (the image writer's output is deterministic), so importing it again is a no-op.
/// </summary>
internal sealed class SandboxImage(CriClient cri, ImageImporter importer, TimeProvider time)
{
    /// <summary>The image's name, as containerd's CRI config gives it.</summary>
    public const string Name = EtcFiles.SandboxImage;

    private static readonly TimeSpan CriListsItWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Makes sure CRI has the sandbox image: when ImageStatus does not list it, builds it into a
    /// temporary image layout, imports it and waits until CRI lists it. True when it imported.
    /// </summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await cri.ImageStatusAsync(Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var layout = Directory.CreateTempSubdirectory("hull-pause-");
        try
        {
            Builder().WriteLayout(layout.FullName, Name);
            await importer.ImportLayoutAsync(layout.FullName, Name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            layout.Delete(recursive: true);
        }

        await WaitUntilListedAsync(cri, Name, time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Waits until CRI lists <paramref name="image"/>, just imported through containerd's own API (CRI learns of it from containerd's events, a moment later).</summary>
    public static async Task WaitUntilListedAsync(CriClient cri, string image, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + CriListsItWithin;
        while (await cri.ImageStatusAsync(image, cancellationToken).ConfigureAwait(false) is null)
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"{image} was imported into containerd, but CRI did not list it within {CriListsItWithin.TotalSeconds:0} s (see containerd's log)");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The image: one layer holding /pause (0755), entrypoint ["/pause"], for linux/amd64 (what <see cref="PauseElf"/> is).</summary>
    public static OciImageBuilder Builder() =>
        new OciImageBuilder { Entrypoint = ["/pause"], Architecture = "amd64", Os = "linux" }
            .AddFile("/pause", PauseElf.Build(), OciImageBuilder.ExecutableMode);
}
