using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>What only the on-disk store has: its layout, its format version, and refusing files it cannot trust.</summary>
public sealed class FileDatastoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string StorePath => _directory.File("datastore");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_NewDirectory_CreatesItOwnerOnlyWithFormatVersion()
    {
        await using var store = await FileDatastore.OpenAsync(StorePath, Token);

        File.ReadAllText(Path.Combine(StorePath, DatastoreFiles.FormatVersion)).ShouldBe("2\n");
        File.GetUnixFileMode(StorePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(StorePath).Select(Path.GetFileName).ShouldBe([DatastoreFiles.FormatVersion]);
    }

    [Fact]
    public async Task Open_EmptyExistingDirectory_Initialises()
    {
        Directory.CreateDirectory(StorePath);

        await using var store = await FileDatastore.OpenAsync(StorePath, Token);

        File.Exists(Path.Combine(StorePath, DatastoreFiles.FormatVersion)).ShouldBeTrue();
    }

    [Fact]
    public async Task Commit_Settings_WritesReadableSortedLiveFileOwnerOnly()
    {
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            await store.SetPendingAsync(TransactionName.Default, new Dictionary<string, string>
            {
                ["settings.ntp.time-servers"] = "[\"a.example\", \"b.example\"]",
                ["settings.kernel.sysctl.\"net.ipv4.ip_forward\""] = "\"1\"",
                ["settings.motd"] = "\"Caf\u00e9\"",
            }, Token);
            await store.CommitAsync(TransactionName.Default, Token);
        }

        var live = Path.Combine(StorePath, DatastoreFiles.Live);
        File.ReadAllText(live).ShouldBe("""
            {
              "settings.kernel.sysctl.\"net.ipv4.ip_forward\"": "1",
              "settings.motd": "Café",
              "settings.ntp.time-servers": ["a.example","b.example"]
            }

            """.ReplaceLineEndings("\n"));
        File.GetUnixFileMode(live).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Exists(Path.Combine(StorePath, DatastoreFiles.Pending(TransactionName.Default))).ShouldBeFalse();
    }

    [Fact]
    public async Task Reopen_AfterWrites_KeepsLivePendingAndMetadata()
    {
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            await store.SetPendingAsync("a", new Dictionary<string, string> { ["settings.motd"] = "\"hi\"" }, Token);
            await store.CommitAsync("a", Token);
            await store.SetPendingAsync("b", new Dictionary<string, string> { ["settings.motd"] = "\"bye\"" }, Token);
            await store.SetMetadataAsync("settings.motd", "generated", "false", Token);
        }

        await using var reopened = await FileDatastore.OpenAsync(StorePath, Token);

        (await reopened.GetLiveAsync(null, Token)).Value["settings.motd"].ShouldBe("\"hi\"");
        (await reopened.GetPendingAsync("b", null, Token)).Value["settings.motd"].ShouldBe("\"bye\"");
        (await reopened.GetMetadataAsync("settings.motd", "generated", Token)).Value.ShouldBe("false");
    }

    [Fact]
    public async Task Open_NewerFormatVersion_IsRefusedNamingVersionAndFile()
    {
        _directory.Write("datastore/format-version", "3\n");

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.UnsupportedFormatVersion);
        error.Subject.ShouldBe(Path.Combine(StorePath, DatastoreFiles.FormatVersion));
        error.Message.ShouldContain("format version 3");
    }

    [Theory]
    [InlineData("")]
    [InlineData("one\n")]
    [InlineData("0\n")]
    [InlineData("-1\n")]
    public async Task Open_UnreadableFormatVersion_IsCorrupt(string contents)
    {
        _directory.Write("datastore/format-version", contents);

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.Corrupt);
        error.Message.ShouldContain(DatastoreFiles.FormatVersion);
    }

    [Theory]
    [InlineData("live.json")]
    [InlineData("pending.default.json")]
    [InlineData("metadata.json")]
    public async Task Open_TornFile_FailsNamingTheFile(string name)
    {
        await WriteOneOfEachAsync();
        var path = Path.Combine(StorePath, name);
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.Corrupt);
        error.Subject.ShouldBe(path);
        error.Message.ShouldContain(path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\0")]
    [InlineData("[]")]
    [InlineData("{\"settings.motd\": \"a\"} {}")]
    [InlineData("{\"settings..motd\": 1}")]
    [InlineData("{\"settings.\\\"motd\\\"\": 1}")]
    [InlineData("{\"settings.ntp\": {\"a\": 1}}")]
    [InlineData("{\"settings.a\": 1, \"settings.a\": 2}")]
    public async Task Open_GarbageLiveFile_FailsNamingTheFile(string contents)
    {
        await WriteOneOfEachAsync();
        var path = _directory.Write("datastore/live.json", contents);

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Kind.ShouldBe(DatastoreErrorKind.Corrupt);
        error.Message.ShouldContain(path);
    }

    [Fact]
    public async Task Open_InvalidUtf8LiveFile_FailsNamingTheFile()
    {
        await WriteOneOfEachAsync();
        var path = _directory.Write("datastore/live.json", [(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Message.ShouldContain(path);
    }

    [Fact]
    public async Task Open_LeftoverTempFiles_RemovesThemAndKeepsState()
    {
        await WriteOneOfEachAsync();
        _directory.Write("datastore/live.json.tmp", "{\"settings.torn\"");
        _directory.Write("datastore/pending.x.json.tmp", "");

        await using var store = await FileDatastore.OpenAsync(StorePath, Token);

        Directory.GetFiles(StorePath, "*.tmp").ShouldBeEmpty();
        (await store.GetLiveAsync(null, Token)).Value.Keys.ShouldBe(["settings.a"]);
        (await store.ListTransactionsAsync(Token)).ShouldBe([TransactionName.Default]);
    }

    [Fact]
    public async Task Open_FilesWithoutFormatVersion_IsRefused()
    {
        _directory.Write("datastore/live.json", "{}");

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Message.ShouldContain("is missing");
        error.Message.ShouldContain("live.json");
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("pending.bad name.json")]
    public async Task Open_ForeignFile_IsRefusedNamingIt(string name)
    {
        await WriteOneOfEachAsync();
        var path = _directory.Write("datastore/" + name, "{}");

        var error = (await Should.ThrowAsync<DatastoreException>(() => FileDatastore.OpenAsync(StorePath, Token))).Error;

        error.Subject.ShouldBe(path);
    }

    [Fact]
    public async Task Commit_PendingFileLeftAfterCommitPoint_RecommitIsHarmless()
    {
        await WriteOneOfEachAsync();
        var pendingPath = Path.Combine(StorePath, DatastoreFiles.Pending(TransactionName.Default));
        var pending = File.ReadAllBytes(pendingPath);
        await using (var store = await FileDatastore.OpenAsync(StorePath, Token))
        {
            (await store.CommitAsync(TransactionName.Default, Token)).Value.ShouldBe(["settings.b"]);
        }

        // As if the power went between the live file's rename and the pending file's removal.
        File.WriteAllBytes(pendingPath, pending);
        var liveBefore = File.ReadAllBytes(Path.Combine(StorePath, DatastoreFiles.Live));
        await using var reopened = await FileDatastore.OpenAsync(StorePath, Token);

        (await reopened.CommitAsync(TransactionName.Default, Token)).Value.ShouldBeEmpty();

        File.ReadAllBytes(Path.Combine(StorePath, DatastoreFiles.Live)).ShouldBe(liveBefore);
        (await reopened.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    private async Task WriteOneOfEachAsync()
    {
        await using var store = await FileDatastore.OpenAsync(StorePath, Token);
        await store.SetPendingAsync("setup", new Dictionary<string, string> { ["settings.a"] = "1" }, Token);
        await store.CommitAsync("setup", Token);
        await store.SetPendingAsync(TransactionName.Default, new Dictionary<string, string> { ["settings.b"] = "[1,2,3]" }, Token);
        await store.SetMetadataAsync("settings.a", "generated", "true", Token);
    }
}
