using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>Removing keys through a transaction: staged like a set, committed with the sets, the same on both stores.</summary>
public abstract partial class DatastoreContractTests
{
    [Fact]
    public async Task RemovePending_LiveTable_IsStagedAndShownInEffectiveButNotLive()
    {
        await SetAndCommitAsync(("settings.w.web.image", "\"a\""), ("settings.w.web.replicas", "2"), ("settings.w.db.image", "\"b\""));

        (await Store.RemovePendingAsync("tx", ["settings.w.web"], Values(), Token)).ShouldBeNull();

        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.w.web"]);
        (await Store.GetPendingAsync("tx", null, Token)).Value.ShouldBeEmpty();
        (await Store.ListTransactionsAsync(Token)).ShouldBe(["tx"]);
        (await Store.GetEffectiveAsync("tx", null, Token)).Value.ShouldBe(Values(("settings.w.db.image", "\"b\"")));
        (await Store.GetLiveAsync(null, Token)).Value.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Commit_Removal_RemovesTheKeyAndEverythingUnderItAndSaysWhatTheyHeld()
    {
        await SetAndCommitAsync(("settings.ntp", "1"), ("settings.ntp.time-servers", "[\"a\"]"), ("settings.ntpx", "2"), ("settings.motd", "\"m\""));
        await Store.RemovePendingAsync("tx", ["settings.ntp"], Values(), Token);

        var result = (await Store.CommitAsync("tx", CommitOptions.None, Token)).Value;

        result.Changed.ShouldBe(["settings.ntp", "settings.ntp.time-servers"]);
        result.Removed.ShouldBe(Values(("settings.ntp", "1"), ("settings.ntp.time-servers", "[\"a\"]")));
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.motd", "\"m\""), ("settings.ntpx", "2")), "whole segments only: settings.ntpx stays");
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_RemovalThenSetsUnderIt_ReplacesTheTable()
    {
        await SetAndCommitAsync(("settings.w.web.image", "\"a\""), ("settings.w.web.replicas", "2"), ("settings.w.web.env.X", "\"1\""));
        await Store.RemovePendingAsync("tx", ["settings.w.web"], Values(), Token);
        await Store.SetPendingAsync("tx", Values(("settings.w.web.image", "\"b\""), ("settings.w.web.replicas", "2")), Token);

        var result = (await Store.CommitAsync("tx", CommitOptions.None, Token)).Value;

        result.Changed.ShouldBe(["settings.w.web.env.X", "settings.w.web.image"], "replicas was removed and set to what it was: no change");
        result.Removed.Keys.ShouldBe(["settings.w.web.env.X"]);
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.w.web.image", "\"b\""), ("settings.w.web.replicas", "2")));
    }

    [Fact]
    public async Task RemovePending_ValuesGiven_AreSetAfterTheRemovalInTheSameWrite()
    {
        await SetAndCommitAsync(("settings.h.admin.enabled", "true"), ("settings.h.admin.user-data", "\"x\""));

        (await Store.RemovePendingAsync("tx", ["settings.h.admin"], Values(("settings.h.admin.enabled", "false")), Token)).ShouldBeNull();
        (await Store.GetPendingAsync("tx", null, Token)).Value.ShouldBe(Values(("settings.h.admin.enabled", "false")));
        await Store.CommitAsync("tx", Token);

        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.h.admin.enabled", "false")));
    }

    [Fact]
    public async Task RemovePending_KeyOnlyInTheTransaction_DropsItsValueAndStagesNoRemoval()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.SetPendingAsync("tx", Values(("settings.b.x", "2"), ("settings.b.y", "3"), ("settings.c", "4")), Token);

        (await Store.RemovePendingAsync("tx", ["settings.b"], Values(), Token)).ShouldBeNull();

        (await Store.GetPendingAsync("tx", null, Token)).Value.ShouldBe(Values(("settings.c", "4")));
        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBeEmpty();
        (await Store.CommitAsync("tx", Token)).Value.ShouldBe(["settings.c"]);
    }

    [Fact]
    public async Task RemovePending_NothingThere_IsNoSuchKeyNamingItAndStoresNothing()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.ntpx", "2"));

        var error = await Store.RemovePendingAsync("tx", ["settings.a", "settings.ntp"], Values(), Token);

        error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.NoSuchKey);
        error.Subject.ShouldBe("settings.ntp");
        error.Message.ShouldStartWith("settings.ntp: nothing to remove");
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RemovePending_AlreadyRemovedByTheTransaction_IsNoSuchKey()
    {
        await SetAndCommitAsync(("settings.w.web.image", "\"a\""));
        await Store.RemovePendingAsync("tx", ["settings.w"], Values(), Token);

        var error = await Store.RemovePendingAsync("tx", ["settings.w.web"], Values(), Token);

        error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.NoSuchKey);
        error.Message.ShouldContain("as transaction 'tx' leaves the settings");
        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.w"]);
    }

    [Fact]
    public async Task RemovePending_TableAfterKeysUnderIt_OneRemovalCoversThem()
    {
        await SetAndCommitAsync(("settings.w.a.image", "\"a\""), ("settings.w.b.image", "\"b\""), ("settings.w.c.image", "\"c\""));
        await Store.RemovePendingAsync("tx", ["settings.w.a", "settings.\"w\".b"], Values(), Token);

        (await Store.RemovePendingAsync("tx", ["settings.w"], Values(), Token)).ShouldBeNull();

        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.w"]);
    }

    [Fact]
    public async Task RemovePending_BadKeyOrNone_IsInvalidKey()
    {
        await SetAndCommitAsync(("settings.a", "1"));

        (await Store.RemovePendingAsync("tx", ["settings.a", "settings..b"], Values(), Token)).ShouldNotBeNull().Subject.ShouldBe("settings..b");
        (await Store.RemovePendingAsync("tx", [], Values(), Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
        (await Store.RemovePendingAsync("tx", ["settings.a"], Values(("settings.b", "{\"o\":1}")), Token)).ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidValue);
        (await Store.ListTransactionsAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetPending_AfterARemoval_KeepsTheRemoval()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.RemovePendingAsync("tx", ["settings.a"], Values(), Token);

        await Store.SetPendingAsync("tx", Values(("settings.b", "2")), Token);

        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.a"]);
        (await Store.GetEffectiveAsync("tx", null, Token)).Value.ShouldBe(Values(("settings.b", "2")));
    }

    [Fact]
    public async Task Commit_RemovalWhoseKeysAnotherCommitRemoved_IsNoSuchKeyAndStaysPending()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.b", "2"));
        await Store.RemovePendingAsync("first", ["settings.a"], Values(), Token);
        await Store.RemovePendingAsync("second", ["settings.a"], Values(), Token);
        await Store.SetPendingAsync("second", Values(("settings.c", "3")), Token);
        await Store.CommitAsync("first", Token);

        var error = (await Store.CommitAsync("second", Token)).Error;

        error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.NoSuchKey);
        error.Message.ShouldContain("settings.a: nothing to remove: transaction 'second' removes it");
        (await Store.GetPendingAsync("second", null, Token)).Value.ShouldBe(Values(("settings.c", "3")));
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.b", "2")));
    }

    [Fact]
    public async Task Commit_RemovalRefusedByValidate_StaysPendingAndValidateSawTheKeyGone()
    {
        await SetAndCommitAsync(("settings.a", "1"), ("settings.b", "2"));
        await Store.RemovePendingAsync("tx", ["settings.a"], Values(), Token);
        IReadOnlyList<string>? seenChanged = null;
        var options = new CommitOptions
        {
            Validate = (live, changed) =>
            {
                seenChanged = changed;
                return live.ContainsKey("settings.a") ? null : "settings.a: cannot be removed";
            },
        };

        (await Store.CommitAsync("tx", options, Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.Rejected);

        seenChanged.ShouldBe(["settings.a"]);
        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.a"]);
        (await Store.GetLiveAsync(null, Token)).Value.Count.ShouldBe(2);
    }

    [Fact]
    public async Task DeleteTransaction_WithRemovals_ReturnsThemAndStagesNothing()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.RemovePendingAsync("tx", ["settings.a"], Values(("settings.b", "2")), Token);

        var discarded = (await Store.DeleteTransactionAsync("tx", Token)).Value;

        discarded.Removals.ShouldBe(["settings.a"]);
        discarded.Values.ShouldBe(Values(("settings.b", "2")));
        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBeEmpty();
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.a", "1")));
    }

    [Fact]
    public async Task CommitAwaitingConfirmation_Removal_RecordsNoAfterAndRevertBringsTheValuesBack()
    {
        await SetAndCommitAsync(("settings.w.web.image", "\"a\""), ("settings.w.web.replicas", "2"), ("settings.b", "1"));
        await Store.RemovePendingAsync("tx", ["settings.w.web"], Values(), Token);

        var confirmation = (await Store.CommitAsync("tx", Confirming("c1"), Token)).Value.Confirmation.ShouldNotBeNull();

        confirmation.Changes.ShouldBe([new("settings.w.web.image", "\"a\"", null), new("settings.w.web.replicas", "2", null)]);
        (await Store.RevertAsync("c1", Token)).Value.ShouldBe(["settings.w.web.image", "settings.w.web.replicas"]);
        (await Store.GetLiveAsync(null, Token)).Value.ShouldBe(Values(("settings.b", "1"), ("settings.w.web.image", "\"a\""), ("settings.w.web.replicas", "2")));
    }

    [Fact]
    public async Task Commit_RemovingAKeyAwaitingConfirmation_IsAConflict()
    {
        await SetAndCommitAsync(("settings.a", "1"));
        await Store.SetPendingAsync("guarded", Values(("settings.a", "2")), Token);
        await Store.CommitAsync("guarded", Confirming("c1"), Token);
        await Store.RemovePendingAsync("tx", ["settings.a"], Values(), Token);

        (await Store.CommitAsync("tx", Token)).Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.Conflict);

        (await Store.GetPendingRemovalsAsync("tx", Token)).Value.ShouldBe(["settings.a"]);
    }
}
