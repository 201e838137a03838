using System.Globalization;
using System.Text;
using System.Text.Json;
using Hull.Bench;
using Hull.Builder.Build;

// bench/run [N]: boots out/ N times with a direct kernel boot and N times through OVMF with
// Secure Boot, and writes bench/results/boot-DATE.json plus bench/results/boot-latest.md.
var repo = BuildPaths.FindRepoRoot();
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var build = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(repo, "out", "build.json")), BuildJsonContext.Default.BuildManifest)!;
var scratch = Path.Combine(repo, ".cache", "bench");
var samples = new List<BootSample>();
foreach (var direct in (bool[])[true, false])
{
    for (var i = 0; i < runs; i++)
    {
        var sample = await BootBenchmark.MeasureAsync(build, scratch, direct, TimeSpan.FromSeconds(10), CancellationToken.None);
        Console.WriteLine($"{sample.Mode} #{i + 1}: API after {sample.WallToApiSeconds:F2} s wall, {sample.GuestApiReadySeconds:F2} s guest ({sample.ApiReadyAfterInitSeconds:F2} s after init), idle {sample.IdleMemoryUsedBytes / 1048576.0:F1} MiB");
        samples.Add(sample);
    }
}

var result = new BootResult(
    DateTimeOffset.UtcNow,
    MachineInfo.Describe(),
    build.BuildId,
    build.Version,
    new Sizes(build.DiskBytes, build.RootErofsBytes, build.RootPartitionBytes, build.UkiBytes, build.InitramfsBytes, build.HullBinaryBytes),
    samples);
var resultsDir = Path.Combine(repo, "bench", "results");
Directory.CreateDirectory(resultsDir);
var json = Path.Combine(resultsDir, $"boot-{result.Date:yyyy-MM-dd}.json");
File.WriteAllText(json, JsonSerializer.Serialize(result, BenchJsonContext.Default.BootResult));
var table = BootReport.Markdown(result, Path.GetFileName(json));
File.WriteAllText(Path.Combine(resultsDir, "boot-latest.md"), table);
Console.WriteLine();
Console.WriteLine(table);
