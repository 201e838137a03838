using System.CommandLine;
using System.Text.Json;
using Hull.Builder.Build;
using Hull.Builder.Keys;
using Hull.Builder.Tools;

namespace Hull.Builder.Repo;

/// <summary>`hull repo create | add | refresh | rotate | remove-release | list`: publish builds to a signed update repository.</summary>
internal static class RepoCommand
{
    public static Command Create()
    {
        var command = new Command("repo", "Make and extend a signed update repository (TUF) that hosts update from");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(AddCommand());
        command.Subcommands.Add(RefreshCommand());
        command.Subcommands.Add(RotateCommand());
        command.Subcommands.Add(RemoveReleaseCommand());
        command.Subcommands.Add(ListCommand());
        return command;
    }

    private static Option<string> RepoOption() => new("--repo") { Description = "The repository folder (serve its metadata/ and targets/ over HTTP)", Required = true };

    private static Option<string?> KeysOption() => new("--keys") { Description = "Key folder; update signing keys are in its updates/ (default: keys/, never committed)" };

    private static UpdateKeys Keys(ParseResult parse, Option<string?> keys) =>
        new(parse.GetValue(keys) is { } given ? Path.GetFullPath(given) : BuildPaths.ForCheckout(BuildPaths.FindRepoRoot()).KeysDirectory);

    private static Command CreateCommand()
    {
        var repo = RepoOption();
        var keys = KeysOption();
        var command = new Command("create", "A new repository on keys/updates/root.json (made with the keys on first use), with an empty release manifest") { repo, keys };
        command.SetAction(parse =>
        {
            UpdateRepository.Create(parse.GetValue(repo)!, Keys(parse, keys), log: Console.Out);
            return 0;
        });
        return command;
    }

    private static Command AddCommand()
    {
        var repo = RepoOption();
        var keys = KeysOption();
        var build = new Option<string?>("--build") { Description = "The build to publish (default: out/build.json)" };
        var wave = new Option<string[]>("--wave")
        {
            Description = "SEED_BELOW@WHEN: hosts whose seed (0-2047) is below SEED_BELOW may update from WHEN (RFC 3339 with a zone, or +N[m|h|d]); repeatable, in rising order. None: every host at once",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxVersion = new Option<string?>("--max-version") { Description = "Hosts go to no version above this one (a publisher's brake)" };
        var migrations = new Option<string?>("--migrations") { Description = "FILE.json: settings migrations from the previous release ([{\"name\", \"forward\": [steps], \"backward\": [steps]}])" };
        var level = new Option<int>("--level") { Description = "zstd level, 1-19", DefaultValueFactory = _ => PayloadCompressor.DefaultLevel };
        var command = new Command("add", "Compress a build's root image and both UKIs, add them and the release to the manifest, and sign")
        {
            repo, keys, build, wave, maxVersion, migrations, level,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var buildFile = parse.GetValue(build) ?? Path.Combine(BuildPaths.ForCheckout(BuildPaths.FindRepoRoot()).OutputDirectory, "build.json");
            var manifest = ReadBuild(buildFile);
            if (parse.GetValue(level) is < 1 or > 19)
            {
                throw new ToolException($"--level {parse.GetValue(level)}: zstd levels here are 1-19");
            }

            var time = TimeProvider.System;
            var options = new ReleaseOptions(
                WaveArgument.ParseAll(parse.GetValue(wave) ?? [], time.GetUtcNow()),
                parse.GetValue(maxVersion),
                parse.GetValue(migrations) is { } file ? MigrationsFile.Read(file) : [],
                parse.GetValue(level));
            var repository = UpdateRepository.Open(parse.GetValue(repo)!, Keys(parse, keys), time, Console.Out);
            await repository.AddAsync(manifest, buildFile, options, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command RefreshCommand()
    {
        var repo = RepoOption();
        var keys = KeysOption();
        var timestamp = new Option<int?>("--timestamp-days") { Description = "Days timestamp.json stays valid (default 1); run refresh more often than that" };
        var snapshot = new Option<int?>("--snapshot-days") { Description = "Also re-sign snapshot.json, valid this many days" };
        var targets = new Option<int?>("--targets-days") { Description = "Also re-sign targets.json (and the snapshot), valid this many days" };
        var command = new Command("refresh", "Re-sign timestamp.json (and snapshot/targets when asked) with new expiry dates, so hosts keep trusting the repository")
        {
            repo, keys, timestamp, snapshot, targets,
        };
        command.SetAction(parse =>
        {
            UpdateRepository.Open(parse.GetValue(repo)!, Keys(parse, keys), log: Console.Out)
                .Refresh(new RefreshOptions(parse.GetValue(timestamp), parse.GetValue(snapshot), parse.GetValue(targets)));
            return 0;
        });
        return command;
    }

    private static Command RotateCommand()
    {
        var repo = RepoOption();
        var keys = KeysOption();
        var role = new Option<string?>("--role") { Description = "The role whose keys change: root, targets, snapshot or timestamp" };
        var newKey = new Option<string[]>("--new-key") { Description = "PEM: the role's new unencrypted P-256 private key; repeatable for several keys", AllowMultipleArgumentsPerToken = false };
        var threshold = new Option<int>("--threshold") { Description = "How many of the new keys must sign", DefaultValueFactory = _ => 1 };
        var rootDays = new Option<int?>("--root-days") { Description = "Days the new root.json stays valid (default 365)" };
        var command = new Command("rotate", "Write the next root.json, signed by the old and new root keys: change a role's keys, or (with no --role) only extend root's expiry")
        {
            repo, keys, role, newKey, threshold, rootDays,
        };
        command.SetAction(parse =>
        {
            UpdateRepository.Open(parse.GetValue(repo)!, Keys(parse, keys), log: Console.Out)
                .Rotate(parse.GetValue(role), parse.GetValue(newKey) ?? [], parse.GetValue(threshold), parse.GetValue(rootDays));
            return 0;
        });
        return command;
    }

    private static Command RemoveReleaseCommand()
    {
        var repo = RepoOption();
        var keys = KeysOption();
        var version = new Option<string>("--version") { Description = "The release to take out of the manifest", Required = true };
        var command = new Command("remove-release", "Take a release out of the manifest and stop listing its payloads") { repo, keys, version };
        command.SetAction(parse =>
        {
            UpdateRepository.Open(parse.GetValue(repo)!, Keys(parse, keys), log: Console.Out).RemoveRelease(parse.GetValue(version)!);
            return 0;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var repo = RepoOption();
        var command = new Command("list", "The releases a repository offers and when its metadata expires") { repo };
        command.SetAction(parse =>
        {
            // Listing signs nothing: no keys are needed.
            var repository = UpdateRepository.Open(parse.GetValue(repo)!, new UpdateKeys(Path.GetTempPath()));
            foreach (var release in repository.ReadManifest().Releases)
            {
                var waves = release.Waves.Count == 0 ? "all hosts at once" : string.Join(", ", release.Waves.Select(w => $"seed<{w.SeedBelow} from {w.Starts:u}"));
                Console.WriteLine($"{release.Version,-10} {release.Variant} {release.Arch}  root {release.Images.Root.Bytes / 1048576.0:F1} MiB  "
                    + $"max {release.MaxVersion ?? "-"}  migrations {release.Migrations.Count}  waves: {waves}");
            }

            var tuf = repository.Tuf;
            Console.WriteLine($"root v{tuf.Root.Version} expires {tuf.Root.Expires:u}; targets v{tuf.Targets!.Version} {tuf.Targets.Expires:u}; "
                + $"snapshot v{tuf.Snapshot!.Version} {tuf.Snapshot.Expires:u}; timestamp v{tuf.Timestamp!.Version} {tuf.Timestamp.Expires:u}");
            return 0;
        });
        return command;
    }

    private static BuildManifest ReadBuild(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(file), BuildJsonContext.Default.BuildManifest)
                ?? throw new JsonException("the file is JSON null");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"--build {file}: not a build.json: {e.Message}");
        }
    }
}
