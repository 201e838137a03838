using System.Globalization;
using System.Text.Json.Nodes;
using Hull.Init;
using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>settings.oci-defaults rendered as the workloads' base OCI spec, and the commit rule for resource limits.</summary>
public sealed class OciDefaultsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonObject Settings(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonNode Spec(JsonObject settings) => JsonNode.Parse(OciDefaults.Render(settings))!;

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public void Render_NoSettings_ContainerdsDefaultSpecWithoutRlimits()
    {
        var spec = Spec([]);

        spec["ociVersion"]!.GetValue<string>().ShouldBe("1.2.0");
        var process = spec["process"]!;
        foreach (var set in (string[])["bounding", "effective", "permitted"])
        {
            Strings(process["capabilities"]![set]).ShouldBe(OciBaseSpec.DefaultCapabilities, set);
        }

        process["capabilities"]!.AsObject().Select(kv => kv.Key).ShouldBe(["bounding", "effective", "permitted"]);
        process.AsObject().ContainsKey("rlimits").ShouldBeFalse("without rlimits the processes inherit containerd's, as CRI leaves them without a base spec");
        process["noNewPrivileges"]!.GetValue<bool>().ShouldBeTrue();
        spec["mounts"]!.AsArray().Select(m => m!["destination"]!.GetValue<string>()).ShouldBe(["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/run"]);
        spec["linux"]!.AsObject().ContainsKey("seccomp").ShouldBeFalse("CRI applies the workload's own profile");
        spec["linux"]!["namespaces"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldBe(["pid", "ipc", "uts", "mount", "network"]);
        Strings(spec["linux"]!["maskedPaths"]).ShouldContain("/proc/kcore");
        Strings(spec["linux"]!["readonlyPaths"]).ShouldContain("/proc/sys");
    }

    [Fact]
    public void Render_CapabilitiesTrueAndFalse_AddedAfterTheDefaultsAndDropped()
    {
        var spec = Spec(Settings("""{"oci-defaults": {"capabilities": {"sys-admin": true, "net-raw": false, "chown": true, "audit-write": false, "bpf": true, "kill": false}}}"""));

        Strings(spec["process"]!["capabilities"]!["bounding"]).ShouldBe([
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
            "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_BPF", "CAP_SYS_ADMIN",
        ]);
        Strings(spec["process"]!["capabilities"]!["permitted"]).ShouldBe(Strings(spec["process"]!["capabilities"]!["bounding"]));
    }

    [Theory]
    [InlineData("audit-control", "CAP_AUDIT_CONTROL")]
    [InlineData("checkpoint-restore", "CAP_CHECKPOINT_RESTORE")]
    [InlineData("sys-tty-config", "CAP_SYS_TTY_CONFIG")]
    [InlineData("net-bind-service", "CAP_NET_BIND_SERVICE")]
    public void Capabilities_SettingsName_KernelName(string name, string kernel)
    {
        var settings = Settings("""{"oci-defaults": {"capabilities": {""" + $"\"{name}\": true" + "}}}");
        SettingsValidator.Validate(settings).ShouldBeEmpty();

        OciDefaults.Capabilities(settings).ShouldContain(kernel);
    }

    [Fact]
    public void Render_EveryResourceLimit_KernelNamesInOrderAndUnlimitedIsInfinity()
    {
        var names = new[]
        {
            "max-address-space", "max-core-file-size", "max-cpu-time", "max-data-size", "max-file-locks", "max-file-size",
            "max-locked-memory", "max-msgqueue-size", "max-nice-priority", "max-open-files", "max-pending-signals",
            "max-processes", "max-realtime-priority", "max-realtime-timeout", "max-resident-set", "max-stack-size",
        };
        // As JSON text, the way settings arrive (the rules read numbers as parsed JSON has them).
        var limits = names.Select((name, i) => string.Create(CultureInfo.InvariantCulture,
            $"\"{name}\": {{\"soft-limit\": {i + 1}, \"hard-limit\": {(i == 0 ? "\"unlimited\"" : (i + 100).ToString(CultureInfo.InvariantCulture))}}}"));
        var settings = Settings("{\"oci-defaults\": {\"resource-limits\": {" + string.Join(", ", limits) + "}}}");
        SettingsValidator.Validate(settings).ShouldBeEmpty();
        var rlimits = Spec(settings)["process"]!["rlimits"]!.AsArray();

        rlimits.Select(r => r!["type"]!.GetValue<string>()).ShouldBe([
            "RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_LOCKS", "RLIMIT_MEMLOCK",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
            "RLIMIT_SIGPENDING", "RLIMIT_STACK",
        ]);
        var addressSpace = rlimits[0]!;
        addressSpace["soft"]!.GetValue<ulong>().ShouldBe(1ul);
        addressSpace["hard"]!.GetValue<ulong>().ShouldBe(ulong.MaxValue); // RLIM_INFINITY
        var openFiles = rlimits.Single(r => r!["type"]!.GetValue<string>() == "RLIMIT_NOFILE")!;
        (openFiles["soft"]!.GetValue<ulong>(), openFiles["hard"]!.GetValue<ulong>()).ShouldBe((10ul, 109ul));
    }

    [Theory]
    [InlineData("""{"soft-limit": 4096}""", 4096ul, 4096ul)]
    [InlineData("""{"hard-limit": "unlimited"}""", ulong.MaxValue, ulong.MaxValue)]
    [InlineData("""{"soft-limit": 9000, "hard-limit": 100}""", 100ul, 100ul)] // stored before commits refused it: lowered, never an unstartable spec
    public void Rlimits_OneSidedOrInverted_BothLimitsSet(string limit, ulong soft, ulong hard)
    {
        var settings = Settings("""{"oci-defaults": {"resource-limits": {"max-open-files": """ + limit + "}}}");

        OciDefaults.Rlimits(settings).ShouldBe([new OciRlimit("RLIMIT_NOFILE", soft, hard)]);
    }

    [Fact]
    public void ValidateCommit_SoftLimitAboveHardOne_RefusedNamingTheLimit()
    {
        var live = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["settings.oci-defaults.resource-limits.max-open-files.soft-limit"] = "4096",
            ["settings.oci-defaults.resource-limits.max-open-files.hard-limit"] = "1024",
        };

        SettingsService.ValidateCommit(live, ["settings.oci-defaults.resource-limits.max-open-files.hard-limit"])
            .ShouldBe("settings.oci-defaults.resource-limits.max-open-files: soft-limit 4096 is above hard-limit 1024 (the kernel refuses a soft limit above the hard one)");

        live["settings.oci-defaults.resource-limits.max-open-files.soft-limit"] = "\"unlimited\"";
        SettingsService.ValidateCommit(live, ["settings.oci-defaults.resource-limits.max-open-files.soft-limit"]).ShouldNotBeNull().ShouldContain("soft-limit unlimited is above hard-limit 1024");

        live["settings.oci-defaults.resource-limits.max-open-files.hard-limit"] = "\"unlimited\"";
        SettingsService.ValidateCommit(live, ["settings.oci-defaults.resource-limits.max-open-files.hard-limit"]).ShouldBeNull();
    }

    [Fact]
    public void ValidateCommit_InvertedLimitUntouched_OtherChangesStillCommit()
    {
        // A host that stored one before the rule existed can still change everything else.
        var live = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["settings.motd"] = "\"hi\"",
            ["settings.oci-defaults.resource-limits.max-open-files.soft-limit"] = "4096",
            ["settings.oci-defaults.resource-limits.max-open-files.hard-limit"] = "1024",
        };

        SettingsService.ValidateCommit(live, ["settings.motd"]).ShouldBeNull();
    }

    [Fact]
    public void Metadata_BaseSpec_MadeFromOciDefaultsAndRestartsContainerd()
    {
        var file = ConfigurationFiles.For([]).Single(f => f.Path == OciDefaults.Path);

        file.Services.ShouldBe(["containerd"]);
        file.IsAffectedBy("settings.oci-defaults.capabilities.net-raw").ShouldBeTrue();
        file.IsAffectedBy("settings.oci-defaults").ShouldBeTrue();
        file.IsAffectedBy("settings.network.https-proxy").ShouldBeFalse();
    }

    [Fact]
    public void WriteContainerdSettingsDefaults_AsPid1AtBoot_WhatTheVariantsDefaultsRender()
    {
        EtcFiles.WriteContainerdSettingsDefaults(_dir.Path);
        var defaults = SettingsTree.Unflatten(SettingsDefaults.For(SettingsDefaults.DefaultVariant));

        // Each file containerd reads at start, exactly as the apiserver's first apply renders it on a host with the defaults: no restart.
        foreach (var file in ConfigurationFiles.For(defaults, _dir.Path).Where(f => f.Services.Contains("containerd")))
        {
            File.ReadAllText(Path.Combine(_dir.Path, file.Path.TrimStart('/'))).ShouldBe(file.Render(defaults), file.Path);
        }
    }

    [Fact]
    public void ContainerdConfig_WorkloadRuntime_StartsFromTheBaseSpec()
    {
        EtcFiles.ContainerdConfig.ShouldContain($"""
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.{Hull.Workloads.CriWorkloadRuntime.RuntimeHandler}]
              runtime_type = "io.containerd.runc.v2"
              base_runtime_spec = "{OciDefaults.Path}"
            """);
    }
}
