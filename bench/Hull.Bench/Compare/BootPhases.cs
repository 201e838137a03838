namespace Hull.Bench.Compare;

/// <summary>
/// The events every image's boot is told in, and the phases between them. Each image maps its own markers to these
/// names (Hull's boot timeline, the baseline's initramfs scripts and systemd, the floor's /init).
/// </summary>
internal static class BootPhases
{
    public const string InitramfsStart = "initramfs.start";
    public const string InitStart = "init.start";
    public const string ContainerdStart = "containerd.start";
    public const string ContainerdReady = "containerd.ready";
    public const string ApiReady = "api.ready";

    /// <summary>The floor's end: its /init loaded the modules and has nothing more to do.</summary>
    public const string Ready = "ready";

    public const string Firmware = "QEMU + firmware";
    public const string Kernel = "kernel";

    /// <summary>The phase that each event ends, in the order of the picture's legend.</summary>
    public static readonly IReadOnlyList<(string Event, string Phase)> Milestones =
    [
        (InitramfsStart, Kernel),
        (InitStart, "initramfs / stage 1"),
        (Ready, "initramfs / stage 1"),
        (ContainerdStart, "init, until containerd starts"),
        (ContainerdReady, "until containerd is ready"),
        (ApiReady, "until the API is ready"),
    ];

    /// <summary>Every phase name, in legend order.</summary>
    public static IReadOnlyList<string> Names => [Firmware, .. Milestones.Select(m => m.Phase).Distinct()];

    /// <summary>
    /// The boot of <paramref name="sample"/> as consecutive phases from QEMU's start: QEMU and firmware, then one phase per
    /// milestone present, in time order. Services start in parallel, so a phase is the time between two milestones, not
    /// a service's own run time.
    /// </summary>
    public static IReadOnlyList<BootPhase> Of(CompareSample sample)
    {
        var phases = new List<BootPhase> { new(Firmware, 0, sample.PreKernelSeconds) };
        var at = 0.0;
        foreach (var (uptime, phase) in Milestones.Select(m => (sample.At(m.Event), m.Phase)).Where(m => !double.IsNaN(m.Item1)).OrderBy(m => m.Item1))
        {
            phases.Add(new BootPhase(phase, sample.PreKernelSeconds + at, sample.PreKernelSeconds + uptime));
            at = uptime;
        }

        return phases;
    }
}
