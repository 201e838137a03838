using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>Crashes that hit more than one write: a batch sharing one append, initialising a directory, and the open's own recovery.</summary>
public sealed partial class FileDatastoreFaultTests
{
    [Fact]
    public async Task Batch_FaultAtEveryStep_EachWriteWholeOrNotAndNoneAfterOneThatIsMissing()
    {
        // Four writes held back until they share one journal append: whatever survives the crash is the
        // state after the first k of them, for some k, never a write without the ones before it.
        var writes = new Func<IDatastore, Task>[]
        {
            store => store.CommitAsync(TransactionName.Default, Token),
            store => store.SetPendingAsync("new", Values(("settings.n", "1"), ("settings.m", "2")), Token),
            store => store.CommitAsync("other", Token),
            store => store.SetMetadataAsync("settings.a", "generated", "true", Token),
        };
        var expected = new List<string>();
        var memory = new InMemoryDatastore();
        await SetUpAsync(memory);
        expected.Add(await ObserveAsync(memory));
        foreach (var write in writes)
        {
            await write(memory);
            expected.Add(await ObserveAsync(memory));
        }

        var survived = new SortedSet<int>();
        var steps = int.MaxValue;
        for (var step = 0; step <= steps; step++)
        {
            using var directory = new TempDirectory();
            var path = directory.File("datastore");
            await using (var setup = await FileDatastore.OpenAsync(path, Token))
            {
                await SetUpAsync(setup);
            }

            var gate = new GatedFileSystem(new DirectoryFileSystem(path));
            var files = new FaultInjectingFileSystem(gate);
            await using (var store = await FileDatastore.OpenAsync(files, Token))
            {
                gate.Hold();
                var first = store.SetPendingAsync("warm-up", Values(("settings.w", "1")), Token);
                await gate.HeldAsync();
                files.Arm(step);
                var batch = writes.Select(w => w(store)).ToList();
                gate.Release();
                await first;
                try
                {
                    await Task.WhenAll(batch);
                    steps = files.Steps;
                }
                catch (InjectedFaultException e)
                {
                    e.Step.ShouldBe(step);
                }

                files.Arm(int.MaxValue);
            }

            await using var reopened = await FileDatastore.OpenAsync(path, Token);
            await reopened.DeleteTransactionAsync("warm-up", Token);
            var k = expected.IndexOf(await ObserveAsync(reopened));
            k.ShouldBeGreaterThanOrEqualTo(0, "the state after a crash must be the state after some prefix of the batch");
            survived.Add(k);
        }

        steps.ShouldBe(1, "the batch is one append and one fsync");
        survived.Count.ShouldBe(2, "a crash in the append keeps fewer writes than no crash");
        survived.Max.ShouldBe(writes.Length);
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
                await (await FileDatastore.OpenAsync(files, Token)).DisposeAsync();
            }
            catch (InjectedFaultException)
            {
                await using var reopened = await ShouldOpenCleanAsync(path);
                (await reopened.GetLiveAsync(null, Token)).Value.ShouldBeEmpty();
                continue;
            }

            step.ShouldBeGreaterThan(3);
            return;
        }
    }

    [Fact]
    public async Task Open_FaultAtEveryStepOfRecovery_NextOpenRecoversTheSame()
    {
        // A journal left by a crash is folded into the snapshots at open; a crash during that must lose nothing.
        using var source = new TempDirectory();
        var template = source.File("datastore");
        await using (var store = await FileDatastore.OpenAsync(new DirectoryFileSystem(template), Token, checkpointBytes: long.MaxValue))
        {
            await SetUpAsync(store);
            await store.CommitAsync(TransactionName.Default, Token);
            File.Copy(Path.Combine(template, DatastoreFiles.Journal), source.File("journal.saved"));
        }

        File.Copy(source.File("journal.saved"), Path.Combine(template, DatastoreFiles.Journal), overwrite: true);
        foreach (var file in Directory.GetFiles(template).Where(f => !f.EndsWith(DatastoreFiles.Journal, StringComparison.Ordinal) && !f.EndsWith(DatastoreFiles.FormatVersion, StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        for (var step = 0; ; step++)
        {
            using var directory = new TempDirectory();
            var path = directory.File("datastore");
            Directory.CreateDirectory(path);
            foreach (var file in Directory.GetFiles(template))
            {
                File.Copy(file, Path.Combine(path, Path.GetFileName(file)));
            }

            var files = new FaultInjectingFileSystem(new DirectoryFileSystem(path));
            files.Arm(step);
            var crashed = false;
            try
            {
                await (await FileDatastore.OpenAsync(files, Token)).DisposeAsync();
            }
            catch (InjectedFaultException)
            {
                crashed = true;
            }

            await using var reopened = await ShouldOpenCleanAsync(path);
            (await reopened.GetLiveAsync(null, Token)).Value.ShouldBe(NewLive);
            (await reopened.ListTransactionsAsync(Token)).ShouldBe(["other"]);
            if (!crashed)
            {
                step.ShouldBeGreaterThan(5);
                return;
            }
        }
    }
}
