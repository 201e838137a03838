using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>The behaviour every <see cref="IDatastore"/> shares; run once per implementation.</summary>
public abstract partial class DatastoreContractTests : IAsyncLifetime
{
    private IDatastore? _store;

    private protected static CancellationToken Token => TestContext.Current.CancellationToken;

    private protected IDatastore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run");

    public async ValueTask InitializeAsync() => _store = await CreateAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private protected abstract Task<IDatastore> CreateAsync();

    [Fact]
    public async Task GetLive_NewStore_IsEmpty()
    {
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBeEmpty();
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetPending_Values_ArePendingNotLive()
    {
        (await Store.SetPendingAsync("default", Values(("settings.motd", "\"hi\"")), Token)).ShouldBeNull();

        (await Store.GetPendingAsync("default", null, Token)).Value.ShouldBe(Values(("settings.motd", "\"hi\"")));
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetPending_TwiceSameTransaction_Merges()
    {
        await Store.SetPendingAsync("tx", Values(("settings.a", "1"), ("settings.b", "2")), Token);
        await Store.SetPendingAsync("tx", Values(("settings.b", "3"), ("settings.c", "4")), Token);

        (await Store.GetPendingAsync("tx", null, Token)).Value.ShouldBe(Values(("settings.a", "1"), ("settings.b", "3"), ("settings.c", "4")));
    }

    [Fact]
    public async Task SetPending_ValuesAndKeys_AreStoredCanonical()
    {
        await Store.SetPendingAsync("default", Values(("settings.\"motd\"", " \"hi\" "), ("settings.ntp.time-servers", "[ \"a\", \"b\" ]")), Token);

        (await Store.GetPendingAsync("default", null, Token)).Value
            .ShouldBe(Values(("settings.motd", "\"hi\""), ("settings.ntp.time-servers", "[\"a\",\"b\"]")));
    }

    [Fact]
    public async Task SetPending_OneInvalidKey_StoresNothing()
    {
        var error = await Store.SetPendingAsync("default", Values(("settings.good", "1"), ("settings.bad key", "2")), Token);

        error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
        error.Subject.ShouldBe("settings.bad key");
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetPending_ObjectValue_IsInvalidValue()
    {
        var error = await Store.SetPendingAsync("default", Values(("settings.ntp", "{\"a\":1}")), Token);

        error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidValue);
        error.Subject.ShouldBe("settings.ntp");
    }

    [Fact]
    public async Task SetPending_TwoSpellingsOfOneKey_IsInvalidKey()
    {
        var error = await Store.SetPendingAsync("default", Values(("settings.motd", "1"), ("settings.\"motd\"", "2")), Token);

        error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("../live")]
    [InlineData("x y")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task EveryTransactionCall_InvalidName_IsInvalidTransaction(string name)
    {
        (await Store.SetPendingAsync(name, Values(("settings.a", "1")), Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidTransaction);
        (await Store.GetPendingAsync(name, null, Token)).Error.ShouldNotBeNull().Subject.ShouldBe(name);
        (await Store.GetEffectiveAsync(name, null, Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidTransaction);
        (await Store.DeleteTransactionAsync(name, Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidTransaction);
        (await Store.CommitAsync(name, Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidTransaction);
        (await Store.RemovePendingAsync(name, ["settings.a"], Values(), Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidTransaction);
        (await Store.GetPendingRemovalsAsync(name, Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidTransaction);
    }

    [Fact]
    public async Task SetPending_NoValues_CreatesTransaction()
    {
        await Store.SetPendingAsync("empty", Values(), Token);

        (await Store.ListTransactionsAsync(Token)).ShouldBe(["empty"]);
    }

    [Fact]
    public async Task ListTransactions_Several_AreSorted()
    {
        await Store.SetPendingAsync("zeta", Values(("settings.a", "1")), Token);
        await Store.SetPendingAsync(TransactionName.Default, Values(("settings.a", "1")), Token);
        await Store.SetPendingAsync("Alpha", Values(("settings.a", "1")), Token);

        (await Store.ListTransactionsAsync(Token)).ShouldBe(["Alpha", "default", "zeta"]);
    }

    [Fact]
    public async Task GetEffective_PendingOverLive_ShowsBoth()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.b", "2"));
        await Store.SetPendingAsync("tx", Values(("settings.b", "20"), ("settings.c", "30")), Token);

        (await Store.GetEffectiveAsync("tx", null, Token)).Value.ShouldBe(Values(("settings.a", "1"), ("settings.b", "20"), ("settings.c", "30")));
        (await Store.GetEffectiveAsync("other", null, Token)).Value.ShouldBe(Values(("settings.a", "1"), ("settings.b", "2")));
    }

    [Fact]
    public async Task Commit_Pending_AppliesRemovesAndReturnsChangedKeysOnly()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.b", "2"));
        await Store.SetPendingAsync("default", Values(("settings.b", "2"), ("settings.c", "3"), ("settings.a", "10")), Token);

        var changed = await Store.CommitAsync("default", Token);

        changed.Value.ShouldBe(["settings.a", "settings.c"]);
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "10"), ("settings.b", "2"), ("settings.c", "3")));
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_MissingOrEmptyTransaction_ChangesNothing()
    {
        await Store.SetPendingAsync("empty", Values(), Token);

        (await Store.CommitAsync("missing", Token)).Value.ShouldBeEmpty();
        (await Store.CommitAsync("empty", Token)).Value.ShouldBeEmpty();
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_OneTransaction_LeavesOthersPending()
    {
        await Store.SetPendingAsync("one", Values(("settings.a", "1")), Token);
        await Store.SetPendingAsync("two", Values(("settings.b", "2")), Token);

        await Store.CommitAsync("one", Token);

        (await Store.ListTransactionsAsync(Token)).ShouldBe(["two"]);
        (await Store.GetPendingAsync("two", null, Token)).Value.ShouldBe(Values(("settings.b", "2")));
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "1")));
    }

    [Fact]
    public async Task DeleteTransaction_Pending_ReturnsDiscardedAndLeavesLive()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.SetPendingAsync("default", Values(("settings.a", "2")), Token);

        (await Store.DeleteTransactionAsync("default", Token)).Value.Values.ShouldBe(Values(("settings.a", "2")));

        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "1")));
        (await Store.DeleteTransactionAsync("default", Token)).Value.Values.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetLive_Prefix_MatchesWholeSegments()
    {
        await SetAndCommitAsync(
            ("settings.ntp.time-servers", "[]"), ("settings.ntpx", "1"), ("settings.ntp", "2"),
            ("settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "\"1\""), ("settings.motd", "\"m\""));

        (await Store.GetLiveAsync("settings.ntp", Token)).Value.Keys.ShouldBe(["settings.ntp", "settings.ntp.time-servers"]);
        (await Store.GetLiveAsync("settings.kernel.sysctl", Token)).Value.Keys.ShouldBe(["settings.kernel.sysctl.\"net.ipv4.ip_forward\""]);
        (await Store.GetLiveAsync("settings.kernel.sysctl.\"net.ipv4.ip_forward\"", Token)).Value.Count.ShouldBe(1);
        (await Store.GetLiveAsync("settings.kernel.sysctl.net", Token)).Value.ShouldBeEmpty();
        (await Store.GetLiveAsync("", Token)).Value.Count.ShouldBe(5);
    }

    [Fact]
    public async Task GetLive_ManyKeys_SortedOrdinal()
    {
        await SetAndCommitAsync(("settings.b", "1"), ("settings.B", "1"), ("settings.a.z", "1"), ("settings.\"a.b\"", "1"));

        (await Store.GetLiveAsync(null, Token)).Value.Keys.ShouldBe(["settings.\"a.b\"", "settings.B", "settings.a.z", "settings.b"]);
    }

    [Fact]
    public async Task EveryPrefixCall_InvalidPrefix_IsInvalidKey()
    {
        (await Store.GetLiveAsync("settings.", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
        (await Store.GetPendingAsync("default", "a..b", Token)).Error.ShouldNotBeNull().Subject.ShouldBe("a..b");
        (await Store.GetEffectiveAsync("default", "\"open", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
    }

    [Fact]
    public async Task Metadata_SetThenGet_ReturnsCanonicalValue()
    {
        (await Store.SetMetadataAsync("settings.\"motd\"", "generated", " true ", Token)).ShouldBeNull();
        await Store.SetMetadataAsync("settings.motd", "source", "{ \"from\": \"boot\" }", Token);

        (await Store.GetMetadataAsync("settings.motd", "generated", Token)).Value.ShouldBe("true");
        (await Store.GetMetadataAsync("settings.motd", "source", Token)).Value.ShouldBe("{\"from\":\"boot\"}");
        (await Store.GetMetadataAsync("settings.motd", "other", Token)).Value.ShouldBeNull();
        (await Store.GetMetadataAsync("settings.unset", "generated", Token)).Value.ShouldBeNull();
    }

    [Fact]
    public async Task Metadata_InvalidRequest_IsRefused()
    {
        (await Store.SetMetadataAsync("settings.motd", "bad name", "true", Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidMetadataName);
        (await Store.SetMetadataAsync("settings..motd", "generated", "true", Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
        (await Store.SetMetadataAsync("settings.motd", "generated", "tru", Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidValue);
        (await Store.GetMetadataAsync("settings.motd", "", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidMetadataName);
    }

    [Fact]
    public async Task SetPendingAndCommit_ManyConcurrentWriters_EveryKeyCommittedExactlyOnce()
    {
        const int Writers = 6;
        const int Rounds = 8;

        // All writers share the default transaction, so a commit can carry another writer's values:
        // what must hold is that every value lands, and each is reported changed by exactly one commit.
        var changedLists = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var changed = new List<string>();
            for (var round = 0; round < Rounds; round++)
            {
                (await Store.SetPendingAsync(TransactionName.Default, Values(($"settings.w{writer}.r{round}", $"{round}")), Token)).ShouldBeNull();
                changed.AddRange((await Store.CommitAsync(TransactionName.Default, Token)).Value);
            }

            return changed;
        }, Token)));

        var live = (await Store.GetLiveAsync(null, Token)).Value;
        live.Count.ShouldBe(Writers * Rounds);
        live["settings.w3.r5"].ShouldBe("5");
        changedLists.SelectMany(list => list).Order(StringComparer.Ordinal).ShouldBe(live.Keys);
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    private protected async Task SetAndCommitAsync(params (string Key, string Value)[] values)
    {
        (await Store.SetPendingAsync("setup", Values(values), Token)).ShouldBeNull();
        (await Store.CommitAsync("setup", Token)).Succeeded.ShouldBeTrue();
    }

    private protected static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
