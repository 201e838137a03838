using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>What the journal and the group commit add to the on-disk store.</summary>
public sealed class FileDatastoreJournalTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string StorePath => _directory.File("datastore");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task GroupCommit_WritesQueuedDuringAnAppend_ShareTheNextAppend()
    {
        var gate = new GatedFileSystem(new DirectoryFileSystem(StorePath));
        await using var store = await FileDatastore.OpenAsync(gate, Token);
        gate.Hold();
        var first = store.SetPendingAsync("first", Values(("settings.a", "1")), Token);
        await gate.HeldAsync();

        var queued = Enumerable.Range(0, 10).Select(i => store.SetPendingAsync($"t{i}", Values(("settings.a", $"{i}")), Token)).ToList();
        gate.Release();
        await first;
        (await Task.WhenAll(queued)).ShouldAllBe(error => error == null);

        gate.Appends.ShouldBe(2);
        (await store.ListTransactionsAsync(Token)).Count.ShouldBe(11);
    }

    [Fact]
    public async Task GroupCommit_TwoCommitsInOneBatch_TheSecondIsCheckedAgainstTheFirst()
    {
        var gate = new GatedFileSystem(new DirectoryFileSystem(StorePath));
        await using var store = await FileDatastore.OpenAsync(gate, Token);
        await store.SetPendingAsync("p", Values(("settings.p", "1")), Token);
        await store.SetPendingAsync("q", Values(("settings.q", "1")), Token);
        var options = new CommitOptions { Validate = (live, _) => live.ContainsKey("settings.p") && live.ContainsKey("settings.q") ? "settings.p and settings.q exclude each other" : null };
        var before = gate.Appends;
        gate.Hold();
        var warmUp = store.SetPendingAsync("w", Values(("settings.w", "1")), Token);
        await gate.HeldAsync();

        var p = store.CommitAsync("p", options, Token);
        var q = store.CommitAsync("q", options, Token);
        gate.Release();
        await warmUp;

        (await p).Value.Changed.ShouldBe(["settings.p"]);
        (await q).Error.ShouldNotBeNull().Message.ShouldBe("settings.p and settings.q exclude each other");
        (gate.Appends - before).ShouldBe(2, "the warm-up's append, then one for both commits");
    }

    [Fact]
    public async Task Dispose_AfterWrites_SnapshotsShowEverythingAndTheJournalIsEmpty()
    {
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            await store.SetPendingAsync("tx", Values(("settings.motd", "\"hi\"")), Token);
            await store.CommitAsync("tx", new CommitOptions { Confirmation = new("c1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(60), TimeSpan.FromSeconds(60), null) }, Token);
            File.Exists(Path.Combine(StorePath, DatastoreFiles.Live)).ShouldBeFalse("under the threshold, writes stay in the journal until a checkpoint");
        }

        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.Live)).ShouldContain("\"settings.motd\": \"hi\"");
        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.Confirmation)).ShouldContain("\"id\": \"c1\"");
        new FileInfo(Path.Combine(StorePath, DatastoreFiles.Journal)).Length.ShouldBe(0);

        await using var reopened = await FileDatastore.OpenAsync(StorePath, Token);
        (await reopened.GetConfirmationAsync(Token)).ShouldNotBeNull().Changes.ShouldBe([new("settings.motd", null, "\"hi\"")]);
    }

    [Fact]
    public async Task Open_JournalEndsInATornRecord_KeepsTheWholeOnes()
    {
        var crashed = await CrashAfterAsync(
            store => store.SetPendingAsync("one", Values(("settings.a", "1")), Token),
            store => store.SetPendingAsync("two", Values(("settings.b", "2")), Token));
        var journal = Path.Combine(crashed, DatastoreFiles.Journal);
        var bytes = File.ReadAllBytes(journal);
        File.WriteAllBytes(journal, bytes[..^5]);

        await using var store = await FileDatastore.OpenAsync(crashed, Token);

        (await store.ListTransactionsAsync(Token)).ShouldBe(["one"]);
        new FileInfo(journal).Length.ShouldBe(0);
        File.Exists(Path.Combine(crashed, DatastoreFiles.Pending("one"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Open_JournalRecordPassesItsCrcButIsNoRecord_RefusedNamingTheJournal()
    {
        Directory.CreateDirectory(StorePath);
        _directory.Write("datastore/format-version", "2\n");
        var payload = Encoding.UTF8.GetBytes("{\"what\":1}");
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32.HashToUInt32(payload));
        payload.CopyTo(frame, 8);
        var path = _directory.Write("datastore/journal", frame);

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.Corrupt);
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("unknown part 'what'");
    }

    [Fact]
    public async Task Open_FormatVersion1Directory_ReadsItAndUpgrades()
    {
        Directory.CreateDirectory(StorePath);
        _directory.Write("datastore/format-version", "1\n");
        _directory.Write("datastore/live.json", "{\"settings.motd\": \"old\"}\n");
        _directory.Write("datastore/pending.default.json", "{\"settings.motd\": \"new\"}\n");

        await using var store = await FileDatastore.OpenAsync(StorePath, Token);

        (await store.GetLiveAsync(null, Token)).Value["settings.motd"].ShouldBe("\"old\"");
        (await store.CommitAsync(TransactionName.Default, Token)).Value.ShouldBe(["settings.motd"]);
        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.FormatVersion)).ShouldBe("2\n");
    }

    // Runs the writes with checkpoints off, then copies the directory as a power cut would leave it.
    private async Task<string> CrashAfterAsync(params Func<IDatastore, Task>[] writes)
    {
        var copy = _directory.File("crashed");
        await using var store = await FileDatastore.OpenAsync(new DirectoryFileSystem(StorePath), Token, checkpointBytes: long.MaxValue);
        foreach (var write in writes)
        {
            await write(store);
        }

        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(StorePath))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
