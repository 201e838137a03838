using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Builder.Qemu;
using Hull.Builder.Run;
using Hull.Builder.Tools;
using Hull.Ctl;
using Hull.Testing.Http;
using Hull.Testing.Registry;
using Hull.Updates;

namespace Hull.Bench.Update;

/// <summary>
/// One update, v1 (out/) to v2 (the next patch, built from the same hull binary and keys, published with `hull repo`), on
/// a host booted through OVMF and systemd-boot, the repository served on the build machine and reached through guestfwd.
/// First the disk's plain sequential write speed in the same guest: busybox dd of zeros, as large as the root and synced,
/// onto the other slot's partition from a superpowered host container, timed with /proc/uptime. Then check (refresh), prepare (download, decompress and
/// write the root, read it back, stage the UKI; the updater's resident memory sampled all along), activate, reboot, and
/// the time until v2's boot is assessed good.
/// </summary>
internal static class UpdateBenchmark
{
    private const int RepoGuestPort = 8000;
    private const int RegistryGuestPort = 5000;
    private const string OtherSlotDevice = "/dev/vda3";   // ROOT-B: the third partition of Hull's GPT layout

    // dd of $2 MiB of zeros onto $1, synced, timed by the guest's clock (this busybox's dd prints no timing of its own).
    private const string PlainWrite = """
        read start _ < /proc/uptime
        /bin/busybox dd if=/dev/zero of="$1" bs=1M count="$2" conv=fsync 2> /dev/null || exit 2
        read end _ < /proc/uptime
        echo "$start $end"
        """;

    public static async Task<UpdateResult> RunAsync(string repo, BuildManifest v1, string scratch, TextWriter log, CancellationToken cancellationToken)
    {
        var v2 = HullVersion.TryParse(v1.Version, out var version) ? $"{version.Major}.{version.Minor}.{version.Patch + 1}" : throw new InvalidOperationException($"out/ has version {v1.Version}");
        var hull = Path.Combine(repo, "hull");
        var outV2 = Path.Combine(scratch, "out-v2");
        var updates = Path.Combine(scratch, "repo");
        log.WriteLine($"building {v2} from the same hull binary and keys/, and publishing it in {updates} ...");
        await Tool.RunAsync(hull, ["build", "--version", v2, "--hull-binary", Path.Combine(repo, ".cache", "hull-bin", "hull"), "--output", outV2], cancellationToken: cancellationToken);
        await Tool.RunAsync(hull, ["repo", "create", "--repo", updates], cancellationToken: cancellationToken);
        await Tool.RunAsync(hull, ["repo", "add", "--repo", updates, "--build", Path.Combine(outV2, "build.json")], cancellationToken: cancellationToken);
        var payloads = Directory.GetFiles(Path.Combine(updates, "targets"), "*.zst", SearchOption.AllDirectories);
        long PayloadBytes(string suffix) => new FileInfo(payloads.Single(p => p.EndsWith(suffix, StringComparison.Ordinal))).Length;
        var rootBytes = new FileInfo(Path.Combine(outV2, "root.img")).Length;
        var ukiBytes = new FileInfo(Path.Combine(outV2, "uki-b.efi")).Length;

        using var server = new StaticHttpServer(updates);
        await using var registry = await TestRegistry.StartAsync(cancellationToken: cancellationToken);
        var tools = await CtrRunComparison.PushImageAsync(registry, $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}", repo, scratch, cancellationToken);
        var registryInGuest = $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}";
        var repoUrl = $"http://{QemuMachine.GuestServiceAddress}:{RepoGuestPort}/repo";
        var userData = $$"""

            [settings.container-registry]
            mirrors = [{ registry = "{{registryInGuest}}", endpoint = ["http://{{registryInGuest}}"] }]

            [settings.updates]
            metadata-base-url = "{{repoUrl}}/metadata/"
            targets-base-url = "{{repoUrl}}/targets/"
            version-lock = "{{v2}}"

            """;
        var instance = await InstanceLauncher.StartAsync(v1, Path.Combine(scratch, "host"), "bench-update", direct: false, "4G", cancellationToken, userData,
            guestServices: [(RepoGuestPort, server.Port), (RegistryGuestPort, registry.Port)]);
        try
        {
            await InstanceLauncher.WaitForApiAsync(instance, TimeSpan.FromMinutes(5), null, cancellationToken);
            using var api = ApiClient.ForRemote(instance.ApiAddress, instance.Tls.LoadClient(), instance.Tls.LoadCa());
            var streams = new CtlStreams(() => new HttpMessageInvoker(ApiClient.RemoteHandler(instance.Tls.LoadClient(), instance.Tls.LoadCa())), Stream.Null, Stream.Null, Stream.Null, false);

            // The disk's own speed: as many bytes as the root, written and synced by dd onto the slot the update will use.
            await BenchHostContainer.StartAsync(api, "bench", tools, cancellationToken);
            var mib = (rootBytes + 1048575) / 1048576;
            var (code, ddOut, ddErr) = await BenchHostContainer.ExecAsync(api, streams, "bench", ["/bin/sh", "-c", PlainWrite, "sh", OtherSlotDevice, $"{mib}"], cancellationToken);
            var plainSeconds = code == 0 && UpdateLog.UptimeSpan(ddOut) is { } span ? span : throw new InvalidOperationException($"dd failed ({code}): {ddOut} {ddErr}");
            var plainBytes = mib * 1048576;
            log.WriteLine($"plain write: {plainBytes} bytes in {plainSeconds:F2} s");

            var clock = Stopwatch.StartNew();
            (await api.PostAsync("/actions/refresh-updates", null, cancellationToken)).EnsureSuccessStatusCode();
            var refresh = clock.Elapsed.TotalSeconds;

            clock.Restart();
            using (var prepare = await api.PostAsync("/actions/prepare-update", null, cancellationToken))
            {
                prepare.EnsureSuccessStatusCode();
            }

            long peakRss = 0;
            while (true)
            {
                var metrics = await api.GetStringAsync("/metrics", cancellationToken);
                peakRss = Math.Max(peakRss, UpdaterRss(metrics));
                var status = JsonNode.Parse(await api.GetStringAsync("/updates/status", cancellationToken))!;
                if (status["update_state"]?.GetValue<string>() is "Staged" or "Ready")
                {
                    break;
                }

                if (status["most_recent_command"]?["cmd_status"]?.GetValue<string>() == "Failed" || clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new InvalidOperationException($"prepare did not get ready: {status.ToJsonString()}");
                }

                await Task.Delay(250, cancellationToken);
            }

            var prepareWall = clock.Elapsed.TotalSeconds;
            var steps = UpdateLog.PrepareSteps(await api.GetStringAsync("/services/updater/log?lines=100", cancellationToken));
            log.WriteLine($"prepare: {prepareWall:F1} s ({string.Join(", ", steps.Select(s => $"{s.Key} +{s.Value:F1}"))}), updater peak RSS {peakRss / 1048576.0:F1} MiB");

            (await api.PostAsync("/actions/activate-update", null, cancellationToken)).EnsureSuccessStatusCode();
            clock.Restart();
            (await api.PostAsync("/actions/reboot", null, cancellationToken)).EnsureSuccessStatusCode();
            var healthy = await WaitForGoodAssessmentAsync(api, v2, cancellationToken);
            var rebootToHealthy = clock.Elapsed.TotalSeconds;
            log.WriteLine($"reboot to {v2} assessed good: {rebootToHealthy:F1} s ({healthy})");

            return new UpdateResult(v1.Version, v2, plainBytes, plainSeconds, rootBytes, ukiBytes, PayloadBytes("root.img.zst"), PayloadBytes("uki-b.efi.zst"),
                refresh, prepareWall, steps.ToDictionary(), peakRss, rebootToHealthy);
        }
        finally
        {
            await InstanceLauncher.StopAsync(instance, graceful: false);
        }
    }

    private static long UpdaterRss(string metrics)
    {
        const string name = "hull_process_resident_bytes{process=\"updater\"} ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? 0 : (long)double.Parse(line[name.Length..], CultureInfo.InvariantCulture);
    }

    // Through the reboot the API is gone for a while: every failure to reach it is waited out.
    private static async Task<string> WaitForGoodAssessmentAsync(HttpClient api, string version, CancellationToken cancellationToken)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(10); await Task.Delay(250, cancellationToken))
        {
            try
            {
                var assessment = JsonNode.Parse(await api.GetStringAsync("/updates/status", cancellationToken))!["last_boot_assessment"];
                var result = assessment?["version"]?.GetValue<string>() == version ? assessment["result"]?.GetValue<string>() : null;
                if (result == "bad")
                {
                    throw new InvalidOperationException($"{version}'s boot was assessed bad: {assessment!.ToJsonString()}");
                }

                if (result == "good")
                {
                    return result;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
            }
        }

        throw new TimeoutException($"{version}'s boot was not assessed within 10 minutes");
    }
}

/// <summary>
/// One update measured: the plain write (bytes, seconds), the raw and compressed sizes of the root and the UKI, the check,
/// the prepare (wall seconds and the updater's own step times), the updater's peak resident memory while preparing,
/// and the seconds from the reboot to the new version's boot assessed good.
/// </summary>
internal sealed record UpdateResult(
    string From, string To, long PlainWriteBytes, double PlainWriteSeconds, long RootBytes, long UkiBytes, long RootPayloadBytes, long UkiPayloadBytes,
    double RefreshSeconds, double PrepareSeconds, Dictionary<string, double> PrepareSteps, long UpdaterPeakResidentBytes, double RebootToHealthySeconds);

/// <summary>The run as committed in bench/results/.</summary>
internal sealed record UpdateRun(DateTimeOffset Date, string Machine, string Commit, UpdateResult Result);
