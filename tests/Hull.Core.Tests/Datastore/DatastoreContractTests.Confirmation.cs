using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>Commits that wait for confirmation, reverts, and the commit's own check: the same on both stores.</summary>
public abstract partial class DatastoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CommitAwaitingConfirmation_ChangedKeys_RecordsEachBeforeAndAfter()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.b", "2"));
        await Store.SetPendingAsync("tx", Values(("settings.a", "1"), ("settings.b", "20"), ("settings.c", "30")), Token);

        var result = (await Store.CommitAsync("tx", Confirming("c1"), Token)).Value;

        result.Changed.ShouldBe(["settings.b", "settings.c"]);
        var confirmation = result.Confirmation.ShouldNotBeNull();
        confirmation.Id.ShouldBe("c1");
        confirmation.Transaction.ShouldBe("tx");
        confirmation.Deadline.ShouldBe(Now.AddMinutes(1));
        confirmation.Changes.ShouldBe([new("settings.b", "2", "20"), new("settings.c", null, "30")]);
        (await Store.GetConfirmationAsync(Token)).ShouldBe(confirmation);
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "1"), ("settings.b", "20"), ("settings.c", "30")));
    }

    [Fact]
    public async Task CommitAwaitingConfirmation_NothingChanges_NothingAwaits()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.SetPendingAsync("tx", Values(("settings.a", "1")), Token);

        (await Store.CommitAsync("tx", Confirming("c1"), Token)).Value.Confirmation.ShouldBeNull();
        (await Store.GetConfirmationAsync(Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Revert_AwaitingCommit_RestoresValuesAndRemovesKeysItCreated()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.b", "2"));
        await Store.SetPendingAsync("tx", Values(("settings.b", "20"), ("settings.c", "30")), Token);
        await Store.CommitAsync("tx", Confirming("c1"), Token);

        (await Store.RevertAsync("c1", Token)).Value.ShouldBe(["settings.b", "settings.c"]);

        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "1"), ("settings.b", "2")));
        (await Store.GetConfirmationAsync(Token)).ShouldBeNull();
        (await Store.RevertAsync("c1", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.NoConfirmation);
    }

    [Fact]
    public async Task Confirm_AwaitingCommit_KeepsItAndNothingCanRevertIt()
    {
        await Store.SetPendingAsync("tx", Values(("settings.c", "30")), Token);
        await Store.CommitAsync("tx", Confirming("c1"), Token);

        (await Store.ConfirmAsync(null, Token)).Value.Id.ShouldBe("c1");

        (await Store.GetConfirmationAsync(Token)).ShouldBeNull();
        (await Store.RevertAsync("c1", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.NoConfirmation);
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.c", "30")));
    }

    [Fact]
    public async Task ConfirmAndRevert_OtherIdOrNothingAwaiting_NoConfirmationNamingBoth()
    {
        (await Store.ConfirmAsync(null, Token)).Error.ShouldNotBeNull().Message.ShouldBe("no commit is awaiting confirmation");

        await Store.SetPendingAsync("tx", Values(("settings.c", "30")), Token);
        await Store.CommitAsync("tx", Confirming("c1"), Token);

        var error = (await Store.ConfirmAsync("c0", Token)).Error.ShouldNotBeNull();
        error.Kind.ShouldBe(DatastoreErrorKind.NoConfirmation);
        error.Message.ShouldBe("commit c0 is not awaiting confirmation (commit c1 of transaction 'tx' is)");
        (await Store.RevertAsync("c0", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.NoConfirmation);
        (await Store.GetConfirmationAsync(Token)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Commit_KeysAwaitingConfirmation_ConflictAndTheTransactionStaysPending()
    {
        await Store.SetPendingAsync("guarded", Values(("settings.net", "1")), Token);
        await Store.CommitAsync("guarded", Confirming("c1"), Token);
        await Store.SetPendingAsync("later", Values(("settings.net", "2"), ("settings.other", "3")), Token);

        var error = (await Store.CommitAsync("later", Token)).Error.ShouldNotBeNull();

        error.Kind.ShouldBe(DatastoreErrorKind.Conflict);
        error.Message.ShouldStartWith("transaction 'later' would change settings.net, which commit c1 of transaction 'guarded' is awaiting confirmation until 2026-11-27T18:01:00");
        (await Store.GetPendingAsync("later", null, Token)).Value.Count.ShouldBe(2);
        (await Store.GetLiveAsync("settings.net", Token)).Value["settings.net"].ShouldBe("1");
    }

    [Fact]
    public async Task Commit_OtherKeysWhileAwaiting_CommitsButASecondConfirmationConflicts()
    {
        await Store.SetPendingAsync("guarded", Values(("settings.net", "1")), Token);
        await Store.CommitAsync("guarded", Confirming("c1"), Token);

        await Store.SetPendingAsync("plain", Values(("settings.motd", "\"hi\"")), Token);
        (await Store.CommitAsync("plain", Token)).Value.ShouldBe(["settings.motd"]);

        await Store.SetPendingAsync("second", Values(("settings.motd", "\"bye\"")), Token);
        (await Store.CommitAsync("second", Confirming("c2"), Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.Conflict);
        (await Store.GetConfirmationAsync(Token)).ShouldNotBeNull().Id.ShouldBe("c1");
    }

    [Fact]
    public async Task Commit_ValidateRefuses_RejectedAndNothingChanges()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.SetPendingAsync("tx", Values(("settings.b", "2")), Token);
        IReadOnlyDictionary<string, string>? seen = null;
        IReadOnlyList<string>? changed = null;
        var options = new CommitOptions
        {
            Validate = (live, keys) =>
            {
                seen = new Dictionary<string, string>(live);
                changed = keys;
                return "settings.b: not today";
            },
        };

        var error = (await Store.CommitAsync("tx", options, Token)).Error.ShouldNotBeNull();

        error.Kind.ShouldBe(DatastoreErrorKind.Rejected);
        error.Message.ShouldBe("settings.b: not today");
        seen.ShouldBe(Values(("settings.a", "1"), ("settings.b", "2")));
        changed.ShouldBe(["settings.b"]);
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "1")));
        (await Store.ListTransactionsAsync(Token)).ShouldBe(["tx"]);
    }

    private static CommitOptions Confirming(string id) =>
        new() { Confirmation = new ConfirmationRequest(id, Now, Now.AddMinutes(1), TimeSpan.FromMinutes(1), null) };
}
