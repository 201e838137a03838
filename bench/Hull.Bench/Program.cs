using System.Globalization;
using System.Text.Json;
using Hull.Bench;
using Hull.Bench.Baseline;
using Hull.Bench.Compare;
using Hull.Builder.Build;

// bench/run boot [N]: boots out/ N times per mode (direct kernel, OVMF + Secure Boot) → bench/results/boot-*.
// bench/run settings [PER_CLIENT [STARTS]]: the settings round trip against the NativeAOT apiserver with 1 and 20 clients, over the
//   Unix socket and mutual TLS, and the hull binary's size and start times → bench/results/settings-*.
// bench/run settings-report [FILE]: the settings table again from a results file (the newest by default).
// bench/run workloads [N]: N workloads started one after another on a booted host → bench/results/workloads-*.
// bench/run update: one update from out/ to the next patch on an OVMF host: write speeds, phases, memory → bench/results/update-*.
// bench/run compare [N]: Hull, the Debian baseline and the floor, N boots each → bench/results/compare-* (and the picture).
// bench/run compare-report [FILE]: the compare table and picture again from a results file (the newest by default).
// bench/run baseline-lock: pins the baseline's packages (bench/baseline/packages.txt → packages.lock).
var repo = BuildPaths.FindRepoRoot();
var resultsDir = Path.Combine(repo, "bench", "results");
Directory.CreateDirectory(resultsDir);
var date = DateTimeOffset.UtcNow;

switch (args)
{
    case ["boot", .. var rest]:
    {
        var build = LoadBuild();
        var runs = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 3;
        var samples = new List<BootSample>();
        foreach (var direct in (bool[])[true, false])
        {
            for (var i = 0; i < runs; i++)
            {
                var sample = await BootBenchmark.MeasureAsync(build, Path.Combine(repo, ".cache", "bench"), direct, TimeSpan.FromSeconds(10), CancellationToken.None);
                Console.WriteLine($"{sample.Mode} #{i + 1}: API after {sample.WallToApiSeconds:F2} s wall, {sample.GuestApiReadySeconds:F2} s guest ({sample.ApiReadyAfterInitSeconds:F2} s after init), idle {sample.IdleMemoryUsedBytes / 1048576.0:F1} MiB");
                samples.Add(sample);
            }
        }

        var result = new BootResult(date, MachineInfo.Describe(), build.BuildId, build.Version,
            new Sizes(build.DiskBytes, build.RootErofsBytes, build.RootPartitionBytes, build.UkiBytes, build.InitramfsBytes, build.HullBinaryBytes), samples);
        var json = $"boot-{date:yyyy-MM-dd}.json";
        File.WriteAllText(Path.Combine(resultsDir, json), JsonSerializer.Serialize(result, BenchJsonContext.Default.BootResult));
        Write("boot-latest.md", BootReport.Markdown(result, json));
        break;
    }

    case ["settings", .. var rest]:
    {
        var build = LoadBuild();
        var hull = Path.Combine(repo, ".cache", "hull-bin", "hull");
        var perClient = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100;
        var starts = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 20;
        var results = new List<SettingsResult>();
        foreach (var transport in (ApiTransport[])[ApiTransport.Unix, ApiTransport.MutualTls])
        {
            // One client does as many round trips as five of the twenty.
            foreach (var (clients, each) in ((int, int)[])[(1, 5 * perClient), (20, perClient)])
            {
                var r = await SettingsBenchmark.RunAsync(hull, Path.Combine(repo, ".cache", "bench-settings"), transport, clients, each, CancellationToken.None);
                Console.WriteLine($"{transport}, {clients} clients: p50 {Percentile.Of(r.LatenciesMs, 50):F2} ms, p99 {Percentile.Of(r.LatenciesMs, 99):F2} ms, RSS {r.ResidentBytes / 1048576.0:F1} MiB");
                results.Add(r);
            }
        }

        var binary = await StartupBenchmark.RunAsync(hull, build.RootErofsBytes, Path.Combine(repo, ".cache", "bench-settings"), starts, CancellationToken.None);
        Console.WriteLine($"hull --version {Summary.Of(binary.VersionMs)} ms, apiserver start {Summary.Of(binary.ApiserverStartMs)} ms");
        var run = new SettingsRun(date, MachineInfo.Describe(), build.BuildId, results, binary);
        var json = $"settings-{date:yyyy-MM-dd}.json";
        File.WriteAllText(Path.Combine(resultsDir, json), JsonSerializer.Serialize(run, BenchJsonContext.Default.SettingsRun));
        Write("settings-latest.md", SettingsReport.Markdown(run, json));
        break;
    }

    case ["settings-report", .. var rest]:
    {
        var json = Newest(rest, "settings");
        Write("settings-latest.md", SettingsReport.Markdown(JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(resultsDir, json)), BenchJsonContext.Default.SettingsRun)!, json));
        break;
    }

    case ["workloads", .. var rest]:
    {
        var build = LoadBuild();
        var starts = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 10;
        var scratch = Path.Combine(repo, ".cache", "bench-workloads");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        var result = await WorkloadBenchmark.RunAsync(build, repo, scratch, starts, CancellationToken.None);
        var run = new WorkloadRun(date, MachineInfo.Describe(), build.BuildId, result);
        var json = $"workloads-{date:yyyy-MM-dd}.json";
        File.WriteAllText(Path.Combine(resultsDir, json), JsonSerializer.Serialize(run, BenchJsonContext.Default.WorkloadRun));
        Write("workloads-latest.md", WorkloadReport.Markdown(run, json));
        break;
    }

    case ["update"]:
    {
        var build = LoadBuild();
        var scratch = Path.Combine(repo, ".cache", "bench-update");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        var result = await Hull.Bench.Update.UpdateBenchmark.RunAsync(repo, build, scratch, Console.Out, CancellationToken.None);
        var run = new Hull.Bench.Update.UpdateRun(date, MachineInfo.Describe(), build.BuildId, result);
        var json = $"update-{date:yyyy-MM-dd}.json";
        File.WriteAllText(Path.Combine(resultsDir, json), JsonSerializer.Serialize(run, BenchJsonContext.Default.UpdateRun));
        Write("update-latest.md", Hull.Bench.Update.UpdateReport.Markdown(run, json));
        break;
    }

    case ["compare", .. var rest]:
    {
        var build = LoadBuild();
        var boots = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 3;
        var run = await CompareBenchmark.RunAsync(repo, build, boots, Console.Out, CancellationToken.None);
        var json = $"compare-{date:yyyy-MM-dd}.json";
        File.WriteAllText(Path.Combine(resultsDir, json), JsonSerializer.Serialize(run, BenchJsonContext.Default.CompareRun));
        WriteCompare(run, json);
        break;
    }

    case ["compare-report", .. var rest]:
    {
        var json = Newest(rest, "compare");
        WriteCompare(JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(resultsDir, json)), BenchJsonContext.Default.CompareRun)!, json);
        break;
    }

    case ["baseline-lock"]:
        await BaselineLock.UpdateAsync(repo, Console.Out, CancellationToken.None);
        break;

    default:
        Console.Error.WriteLine("usage: bench/run boot [BOOTS_PER_MODE] | settings [PER_CLIENT [STARTS]] | settings-report [FILE] | workloads [STARTS] | update | compare [BOOTS_PER_IMAGE] | compare-report [FILE] | baseline-lock");
        return 2;
}

return 0;

// The results file named on the command line, or the newest of this kind.
string Newest(string[] rest, string kind) =>
    rest.Length > 0 ? Path.GetFileName(rest[0])
    : Directory.GetFiles(resultsDir, $"{kind}-*.json").Select(Path.GetFileName).Max(StringComparer.Ordinal)
      ?? throw new FileNotFoundException($"no bench/results/{kind}-*.json: run bench/run {kind} first");

BuildManifest LoadBuild() =>
    JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(repo, "out", "build.json")), BuildJsonContext.Default.BuildManifest)!;

void WriteCompare(CompareRun run, string json)
{
    const string picture = "compare-latest.svg";
    File.WriteAllText(Path.Combine(resultsDir, picture), TimelineSvg.Render(
        $"One boot of each image (the median boot), {run.Date:yyyy-MM-dd}, QEMU under TCG", CompareBenchmark.Timelines(run)));
    Write("compare-latest.md", CompareReport.Markdown(run, json, picture));
}

void Write(string name, string markdown)
{
    File.WriteAllText(Path.Combine(resultsDir, name), markdown);
    Console.WriteLine();
    Console.WriteLine(markdown);
}
