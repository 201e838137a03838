using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>
/// Crash at every file-system step of each write, then open the directory again with the real file
/// system: the state must be the old one or the new one, whole, and the store must keep working.
/// </summary>
public sealed class FileDatastoreFaultTests
{
    private static readonly Dictionary<string, string> OldLive = Values(("settings.a", "1"), ("settings.b", "2"));
    private static readonly Dictionary<string, string> Pending = Values(("settings.b", "20"), ("settings.c", "30"));
    private static readonly Dictionary<string, string> NewLive = Values(("settings.a", "1"), ("settings.b", "20"), ("settings.c", "30"));
    private static readonly Dictionary<string, string> Other = Values(("settings.x", "\"other\""));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_FaultAtEveryStep_LiveIsOldOrNewAndRecommitIsHarmless()
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(
            store => store.CommitAsync(TransactionName.Default, Token),
            async store =>
            {
                (await store.GetPendingAsync("other", null, Token)).Value.ShouldBe(Other);
                var live = (await store.GetLiveAsync(null, Token)).Value;
                var pending = (await store.GetPendingAsync(TransactionName.Default, null, Token)).Value;
                if (Same(live, OldLive))
                {
                    pending.ShouldBe(Pending, "a commit that did not happen must keep its transaction");
                    return "old";
                }

                live.ShouldBe(NewLive);
                if (pending.Count == 0)
                {
                    return "new";
                }

                // Crashed between the commit point and removing the pending file: committing it again changes nothing.
                pending.ShouldBe(Pending);
                (await store.CommitAsync(TransactionName.Default, Token)).Value.ShouldBeEmpty();
                (await store.GetLiveAsync(null, Token)).Value.ShouldBe(NewLive);
                (await store.ListTransactionsAsync(Token)).ShouldBe(["other"]);
                return "new, pending left behind";
            });

        outcomes.ShouldBe(["old", "new, pending left behind", "new"], ignoreOrder: true);
    }

    [Fact]
    public async Task SetPending_FaultAtEveryStep_PendingIsOldOrNewAndLiveUntouched()
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(
            async store => (await store.SetPendingAsync(TransactionName.Default, Values(("settings.d", "4")), Token)).ShouldBeNull(),
            async store =>
            {
                (await store.GetLiveAsync(null, Token)).Value.ShouldBe(OldLive);
                var pending = (await store.GetPendingAsync(TransactionName.Default, null, Token)).Value;
                if (Same(pending, Pending))
                {
                    return "old";
                }

                pending.ShouldBe(Values(("settings.b", "20"), ("settings.c", "30"), ("settings.d", "4")));
                return "new";
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Fact]
    public async Task DeleteTransaction_FaultAtEveryStep_TransactionWholeOrGone()
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(
            async store => (await store.DeleteTransactionAsync(TransactionName.Default, Token)).Value.ShouldBe(Pending),
            async store =>
            {
                (await store.GetLiveAsync(null, Token)).Value.ShouldBe(OldLive);
                var pending = (await store.GetPendingAsync(TransactionName.Default, null, Token)).Value;
                if (pending.Count == 0)
                {
                    (await store.ListTransactionsAsync(Token)).ShouldBe(["other"]);
                    return "new";
                }

                pending.ShouldBe(Pending);
                return "old";
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Fact]
    public async Task SetMetadata_FaultAtEveryStep_MetadataIsOldOrNew()
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(
            async store => (await store.SetMetadataAsync("settings.a", "generated", "true", Token)).ShouldBeNull(),
            async store =>
            {
                var value = (await store.GetMetadataAsync("settings.a", "generated", Token)).Value;
                (await store.GetMetadataAsync("settings.a", "seen", Token)).Value.ShouldBe("1");
                value.ShouldBeOneOf([null, "true"]);
                return value is null ? "old" : "new";
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Fact]
    public async Task Open_FaultAtEveryStepOfInitialising_NextOpenInitialises()
    {
        for (var step = 0; ; step++)
        {
            using var directory = new TempDirectory();
            var path = directory.File("datastore");
            var files = new FaultInjectingFileSystem(new DirectoryFileSystem(path));
            files.Arm(step);
            try
            {
                (await FileDatastore.OpenAsync(files, Token)).Dispose();
            }
            catch (InjectedFaultException)
            {
                using var reopened = await ShouldOpenCleanAsync(path);
                (await reopened.GetLiveAsync(null, Token)).Value.ShouldBeEmpty();
                continue;
            }

            step.ShouldBeGreaterThan(3);
            return;
        }
    }

    // Runs the operation once per step it takes, crashing at that step, plus once without a crash;
    // checks each outcome on a fresh open and returns the distinct outcomes the check reported.
    private static async Task<List<string>> RunWithFaultAtEveryStepAsync(Func<IDatastore, Task> operation, Func<IDatastore, Task<string>> check)
    {
        var outcomes = new List<string>();
        var steps = int.MaxValue;
        for (var step = 0; step <= steps; step++)
        {
            using var directory = new TempDirectory();
            var path = directory.File("datastore");
            await SetUpAsync(path);

            var files = new FaultInjectingFileSystem(new DirectoryFileSystem(path));
            using (var store = await FileDatastore.OpenAsync(files, Token))
            {
                files.Arm(step);
                try
                {
                    await operation(store);
                    steps = files.Steps;
                }
                catch (InjectedFaultException e)
                {
                    e.Step.ShouldBe(step);
                }
            }

            using (var reopened = await ShouldOpenCleanAsync(path))
            {
                var outcome = await check(reopened);
                if (!outcomes.Contains(outcome))
                {
                    outcomes.Add(outcome);
                }

                (await reopened.SetPendingAsync("after", Values(("settings.after", "1")), Token)).ShouldBeNull();
                (await reopened.CommitAsync("after", Token)).Value.ShouldBe(["settings.after"]);
            }

            using var again = await FileDatastore.OpenAsync(path, Token);
            (await again.GetLiveAsync("settings.after", Token)).Value.Count.ShouldBe(1);
        }

        steps.ShouldBeGreaterThan(1);
        return outcomes;
    }

    private static async Task SetUpAsync(string path)
    {
        using var store = await FileDatastore.OpenAsync(path, Token);
        await store.SetPendingAsync("setup", OldLive, Token);
        await store.CommitAsync("setup", Token);
        await store.SetPendingAsync(TransactionName.Default, Pending, Token);
        await store.SetPendingAsync("other", Other, Token);
        await store.SetMetadataAsync("settings.a", "seen", "1", Token);
    }

    private static async Task<FileDatastore> ShouldOpenCleanAsync(string path)
    {
        var store = await FileDatastore.OpenAsync(path, Token);
        Directory.GetFiles(path, "*" + DatastoreFiles.TempSuffix).ShouldBeEmpty();
        File.ReadAllText(System.IO.Path.Combine(path, DatastoreFiles.FormatVersion)).ShouldBe("1\n");
        return store;
    }

    private static bool Same(IReadOnlyDictionary<string, string> actual, Dictionary<string, string> expected) =>
        actual.Count == expected.Count && expected.All(pair => actual.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
