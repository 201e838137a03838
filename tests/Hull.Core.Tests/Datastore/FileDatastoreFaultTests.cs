using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>
/// Crash at every file-system step of each write, then open the directory again with the real file
/// system: the state must be the old one or the new one, whole, and the store must keep working. Each
/// write runs twice: alone (its journal append), and followed by a checkpoint, so the crash also lands
/// between the snapshot files' renames and the journal's truncation, where recovery replays the journal
/// over a mix of old and new snapshots.
/// </summary>
public sealed partial class FileDatastoreFaultTests
{
    private static readonly Dictionary<string, string> OldLive = Values(("settings.a", "1"), ("settings.b", "2"));
    private static readonly Dictionary<string, string> Pending = Values(("settings.b", "20"), ("settings.c", "30"));
    private static readonly Dictionary<string, string> NewLive = Values(("settings.a", "1"), ("settings.b", "20"), ("settings.c", "30"));
    private static readonly Dictionary<string, string> Other = Values(("settings.x", "\"other\""));

    private static readonly ConfirmationRequest Confirm = new("c1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1), TimeSpan.FromMinutes(1), "{\"note\":1}");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Commit_FaultAtEveryStep_LiveIsOldOrNewNeverAMix(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
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
                pending.ShouldBeEmpty();
                (await store.ListTransactionsAsync(Token)).ShouldBe(["other"]);
                return "new";
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SetPending_FaultAtEveryStep_PendingIsOldOrNewAndLiveUntouched(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeleteTransaction_FaultAtEveryStep_TransactionWholeOrGone(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            async store => (await store.DeleteTransactionAsync(TransactionName.Default, Token)).Value.Values.ShouldBe(Pending),
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SetMetadata_FaultAtEveryStep_MetadataIsOldOrNew(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CommitAwaitingConfirmation_FaultAtEveryStep_CommitAndItsRevertRecordTogetherOrNeither(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            store => store.CommitAsync(TransactionName.Default, new CommitOptions { Confirmation = Confirm }, Token),
            async store =>
            {
                var live = (await store.GetLiveAsync(null, Token)).Value;
                var confirmation = await store.GetConfirmationAsync(Token);
                if (Same(live, OldLive))
                {
                    confirmation.ShouldBeNull();
                    return "old";
                }

                live.ShouldBe(NewLive);
                confirmation.ShouldNotBeNull().Changes.ShouldBe([new("settings.b", "2", "20"), new("settings.c", null, "30")]);
                confirmation.Note.ShouldBe("{\"note\":1}");

                // The revert this record makes possible still works after the crash.
                (await store.RevertAsync("c1", Token)).Value.ShouldBe(["settings.b", "settings.c"]);
                (await store.GetLiveAsync(null, Token)).Value.ShouldBe(OldLive);
                return "new";
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Revert_FaultAtEveryStep_LiveBackAndRecordGoneTogetherOrNeither(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            async store => (await store.RevertAsync("c1", Token)).Value.ShouldBe(["settings.b", "settings.c"]),
            async store =>
            {
                var live = (await store.GetLiveAsync(null, Token)).Value;
                var confirmation = await store.GetConfirmationAsync(Token);
                if (Same(live, NewLive))
                {
                    confirmation.ShouldNotBeNull().Id.ShouldBe("c1");
                    return "old";
                }

                live.ShouldBe(OldLive, "settings.c did not exist before the commit, so the revert removes it");
                confirmation.ShouldBeNull();
                return "new";
            },
            setUp: async store => (await store.CommitAsync(TransactionName.Default, new CommitOptions { Confirmation = Confirm }, Token)).Value.Confirmation.ShouldNotBeNull());

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    // Runs the operation once per step it takes, crashing at that step, plus once without a crash;
    // checks each outcome on a fresh open and returns the distinct outcomes the check reported.
    private static async Task<List<string>> RunWithFaultAtEveryStepAsync(bool checkpoint, Func<IDatastore, Task> operation, Func<IDatastore, Task<string>> check, Func<IDatastore, Task>? setUp = null)
    {
        var outcomes = new List<string>();
        var steps = int.MaxValue;
        for (var step = 0; step <= steps; step++)
        {
            using var directory = new TempDirectory();
            var path = directory.File("datastore");
            await using (var store = await FileDatastore.OpenAsync(path, Token))
            {
                await SetUpAsync(store);
                await (setUp?.Invoke(store) ?? Task.CompletedTask);
            }

            var files = new FaultInjectingFileSystem(new DirectoryFileSystem(path));
            var acknowledged = false;
            await using (var store = await FileDatastore.OpenAsync(files, Token))
            {
                files.Arm(step);
                try
                {
                    await operation(store);
                    acknowledged = true;
                    if (checkpoint)
                    {
                        await store.CheckpointNowAsync();
                    }

                    steps = files.Steps;
                }
                catch (InjectedFaultException e)
                {
                    e.Step.ShouldBe(step);
                }

                // The power cut is over: what remains is the directory (a store that failed a write does not checkpoint).
                files.Arm(int.MaxValue);
            }

            await using (var reopened = await ShouldOpenCleanAsync(path))
            {
                var outcome = await check(reopened);
                if (acknowledged)
                {
                    outcome.ShouldBe("new", $"the write was acknowledged before the crash at step {step}, so it must survive");
                }

                if (!outcomes.Contains(outcome))
                {
                    outcomes.Add(outcome);
                }

                (await reopened.SetPendingAsync("after", Values(("settings.after", "1")), Token)).ShouldBeNull();
                (await reopened.CommitAsync("after", Token)).Value.ShouldBe(["settings.after"]);
            }

            await using var again = await FileDatastore.OpenAsync(path, Token);
            (await again.GetLiveAsync("settings.after", Token)).Value.Count.ShouldBe(1);
        }

        steps.ShouldBeGreaterThan(checkpoint ? 3 : 0);
        return outcomes;
    }

    private static async Task SetUpAsync(IDatastore store)
    {
        await store.SetPendingAsync("setup", OldLive, Token);
        await store.CommitAsync("setup", Token);
        await store.SetPendingAsync(TransactionName.Default, Pending, Token);
        await store.SetPendingAsync("other", Other, Token);
        await store.SetMetadataAsync("settings.a", "seen", "1", Token);
    }

    private static async Task<string> ObserveAsync(IDatastore store)
    {
        var lines = new List<string> { "live " + string.Join(";", (await store.GetLiveAsync(null, Token)).Value) };
        foreach (var transaction in await store.ListTransactionsAsync(Token))
        {
            lines.Add($"pending {transaction} " + string.Join(";", (await store.GetPendingAsync(transaction, null, Token)).Value));
        }

        lines.Add("metadata " + (await store.GetMetadataAsync("settings.a", "generated", Token)).Value);
        return string.Join("\n", lines);
    }

    private static async Task<FileDatastore> ShouldOpenCleanAsync(string path)
    {
        var store = await FileDatastore.OpenAsync(path, Token);
        Directory.GetFiles(path, "*" + DatastoreFiles.TempSuffix).ShouldBeEmpty();
        File.ReadAllText(Path.Combine(path, DatastoreFiles.FormatVersion)).ShouldBe($"{FileDatastore.FormatVersion}\n");
        var journal = Path.Combine(path, DatastoreFiles.Journal);
        (File.Exists(journal) ? new FileInfo(journal).Length : 0).ShouldBe(0, "an open folds the journal into the snapshots");
        return store;
    }

    private static bool Same(IReadOnlyDictionary<string, string> actual, Dictionary<string, string> expected) =>
        actual.Count == expected.Count && expected.All(pair => actual.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
