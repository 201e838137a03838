using System.Text;
using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>What staged removals add on disk: the removals file, the journal's part for them, and reading what came before.</summary>
public sealed class FileDatastoreRemovalsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string StorePath => _directory.File("datastore");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Checkpoint_StagedRemovals_WritesAReadableRemovalsFileThatSurvivesReopening()
    {
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            await Commit(store, ("settings.w.web.image", "\"a\""), ("settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "\"1\""));
            (await store.RemovePendingAsync("tx", ["settings.w.web", "settings.kernel.sysctl.\"net.ipv4.ip_forward\""], Values(("settings.motd", "\"m\"")), Token)).ShouldBeNull();
        }

        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.Removals("tx"))).ShouldBe("""
            [
              "settings.kernel.sysctl.\"net.ipv4.ip_forward\"",
              "settings.w.web"
            ]

            """.ReplaceLineEndings("\n"));
        File.GetUnixFileMode(Path.Combine(StorePath, DatastoreFiles.Removals("tx"))).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.Pending("tx"))).ShouldContain("\"settings.motd\": \"m\"");
        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.FormatVersion)).ShouldBe("2\n", "the format is unchanged: removals only add a file");

        await using var reopened = await FileDatastore.OpenAsync(StorePath, Token);
        (await reopened.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "settings.w.web"]);
        (await reopened.CommitAsync("tx", Token)).Value.ShouldBe(["settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "settings.motd", "settings.w.web.image"]);
        (await reopened.GetLiveAsync(null, Token)).Value.Keys.ShouldBe(["settings.motd"]);
    }

    [Fact]
    public async Task Checkpoint_RemovalsCommittedOrDropped_RemovalsFileGone()
    {
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            await Commit(store, ("settings.a", "1"), ("settings.b", "2"));
            await store.RemovePendingAsync("one", ["settings.a"], Values(), Token);
            await store.RemovePendingAsync("two", ["settings.b"], Values(), Token);
            await store.CheckpointNowAsync();
            File.Exists(Path.Combine(StorePath, DatastoreFiles.Removals("one"))).ShouldBeTrue();

            await store.CommitAsync("one", Token);
            await store.DeleteTransactionAsync("two", Token);
        }

        Directory.GetFiles(StorePath).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe([DatastoreFiles.FormatVersion, DatastoreFiles.Journal, DatastoreFiles.Live]);
        await using var reopened = await FileDatastore.OpenAsync(StorePath, Token);
        (await reopened.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.b", "2")));
    }

    [Fact]
    public async Task Checkpoint_RemovalsOnlyAndNoValues_KeepsTheTransactionWithAnEmptyPendingFile()
    {
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            await Commit(store, ("settings.a", "1"));
            await store.RemovePendingAsync("tx", ["settings.a"], Values(), Token);
        }

        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.Pending("tx"))).ShouldBe("{}\n");
        await using var reopened = await FileDatastore.OpenAsync(StorePath, Token);
        (await reopened.ListTransactionsAsync(Token)).ShouldBe(["tx"]);
    }

    [Fact]
    public void JournalRecord_PendingWithRemovals_RoundTrips()
    {
        var change = new DatastoreChange();
        change.PendingSet["tx"] = new PendingTransaction(Sorted(("settings.motd", "\"m\"")), Keys("settings.w.web", "settings.\"a.b\""));
        change.PendingSet["plain"] = new PendingTransaction(Sorted(("settings.x", "1")), Keys());

        var bytes = JournalRecord.Write(change);
        var read = JournalRecord.Read(bytes, "journal");

        Encoding.UTF8.GetString(bytes).ShouldBe("""{"pending":{"plain":{"settings.x":1},"tx":{"settings.motd":"m"}},"pending-removals":{"tx":["settings.\"a.b\"","settings.w.web"]}}""");
        read.PendingSet["tx"].Removals.ShouldBe(["settings.\"a.b\"", "settings.w.web"]);
        read.PendingSet["tx"].Values.ShouldBe(Sorted(("settings.motd", "\"m\"")));
        read.PendingSet["plain"].Removals.ShouldBeEmpty();
    }

    [Fact]
    public void JournalRecord_WrittenBeforeRemovals_ReadsWithNone()
    {
        var read = JournalRecord.Read("""{"pending":{"default":{"settings.motd":"hi"}},"removed":["settings.old"]}"""u8.ToArray(), "journal");

        read.PendingSet["default"].Values["settings.motd"].ShouldBe("\"hi\"");
        read.PendingSet["default"].Removals.ShouldBeEmpty();
        read.LiveRemoved.ShouldBe(["settings.old"]);
    }

    [Theory]
    [InlineData("""{"pending-removals":{"tx":["settings.a"]}}""", "removals for transaction 'tx', which the record does not set")]
    [InlineData("""{"pending":{"tx":{}},"pending-removals":{"tx":["settings..a"]}}""", "\"settings..a\" is not a canonical setting key")]
    [InlineData("""{"pending":{"tx":{}},"pending-removals":{"tx":"settings.a"}}""", "a list of names is not an array")]
    public void JournalRecord_BadRemovals_IsCorruptSayingWhy(string payload, string why)
    {
        var error = Should.Throw<DatastoreException>(() => JournalRecord.Read(Encoding.UTF8.GetBytes(payload), "journal (record at byte 0)")).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.Corrupt);
        error.Message.ShouldBe($"datastore file journal (record at byte 0) is unreadable: {why}");
    }

    [Theory]
    [InlineData("{\"settings.a\": true}\n")]
    [InlineData("[\"settings.\\\"a\\\"\"]\n")]
    [InlineData("[1]\n")]
    [InlineData("[\"settings.a\"")]
    public async Task Open_RemovalsFileNotWhatTheStoreWrites_RefusedNamingIt(string contents)
    {
        Directory.CreateDirectory(StorePath);
        _directory.Write("datastore/format-version", "2\n");
        _directory.Write("datastore/pending.tx.json", "{}\n");
        var path = _directory.Write("datastore/removals.tx.json", contents);

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.Corrupt);
        error.Message.ShouldStartWith($"datastore file {path} is unreadable: ");
    }

    [Fact]
    public async Task Open_RemovalsFileWithoutItsPendingFileAndAJournalThatDropsIt_TransactionGone()
    {
        // What a crash leaves between a checkpoint's two deletes of a dropped transaction: the journal still drops it.
        Directory.CreateDirectory(StorePath);
        _directory.Write("datastore/format-version", "2\n");
        _directory.Write("datastore/removals.tx.json", "[\"settings.a\"]\n");
        _directory.Write("datastore/journal", Journal.Frame([JournalRecord.Write(Dropped("tx"))]));

        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            (await store.ListTransactionsAsync(Token)).ShouldBeEmpty();
        }

        File.Exists(Path.Combine(StorePath, DatastoreFiles.Removals("tx"))).ShouldBeFalse();
    }

    private static DatastoreChange Dropped(string transaction)
    {
        var change = new DatastoreChange();
        change.PendingRemoved.Add(transaction);
        return change;
    }

    private static async Task Commit(IDatastore store, params (string Key, string Value)[] values)
    {
        (await store.SetPendingAsync("setup", Values(values), Token)).ShouldBeNull();
        (await store.CommitAsync("setup", Token)).Succeeded.ShouldBeTrue();
    }

    private static SortedDictionary<string, string> Sorted(params (string Key, string Value)[] values) =>
        new(Values(values), StringComparer.Ordinal);

    private static SortedSet<string> Keys(params string[] keys) => new(keys, StringComparer.Ordinal);

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
