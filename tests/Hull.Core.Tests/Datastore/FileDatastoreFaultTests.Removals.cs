using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>The same crashes at every step, for the writes that stage, commit, drop and revert removals.</summary>
public sealed partial class FileDatastoreFaultTests
{
    private static readonly Dictionary<string, string> LiveAfterRemovingA = Values(("settings.b", "20"), ("settings.c", "30"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RemovePending_FaultAtEveryStep_RemovalAndItsValuesTogetherOrNeither(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            async store => (await store.RemovePendingAsync(TransactionName.Default, ["settings.a"], Values(("settings.d", "4")), Token)).ShouldBeNull(),
            async store =>
            {
                (await store.GetLiveAsync(null, Token)).Value.ShouldBe(OldLive);
                var pending = (await store.GetPendingAsync(TransactionName.Default, null, Token)).Value;
                var removals = (await store.GetPendingRemovalsAsync(TransactionName.Default, Token)).Value;
                if (Same(pending, Pending))
                {
                    removals.ShouldBeEmpty();
                    return "old";
                }

                pending.ShouldBe(Values(("settings.b", "20"), ("settings.c", "30"), ("settings.d", "4")));
                removals.ShouldBe(["settings.a"]);
                return "new";
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CommitWithRemovals_FaultAtEveryStep_RemovalsAndSetsTogetherOrNeither(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            async store => (await store.CommitAsync(TransactionName.Default, Token)).Value.ShouldBe(["settings.a", "settings.b", "settings.c"]),
            async store =>
            {
                (await store.GetPendingAsync("other", null, Token)).Value.ShouldBe(Other);
                var live = (await store.GetLiveAsync(null, Token)).Value;
                if (Same(live, OldLive))
                {
                    (await store.GetPendingRemovalsAsync(TransactionName.Default, Token)).Value.ShouldBe(["settings.a"], "a commit that did not happen keeps its removals");
                    (await store.GetPendingAsync(TransactionName.Default, null, Token)).Value.ShouldBe(Pending);
                    return "old";
                }

                live.ShouldBe(LiveAfterRemovingA);
                (await store.ListTransactionsAsync(Token)).ShouldBe(["other"]);
                (await store.GetPendingRemovalsAsync(TransactionName.Default, Token)).Value.ShouldBeEmpty();
                return "new";
            },
            setUp: StageRemovalOfAAsync);

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeleteTransactionWithRemovals_FaultAtEveryStep_TransactionWholeOrGone(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            async store => (await store.DeleteTransactionAsync(TransactionName.Default, Token)).Value.Removals.ShouldBe(["settings.a"]),
            async store =>
            {
                (await store.GetLiveAsync(null, Token)).Value.ShouldBe(OldLive);
                var removals = (await store.GetPendingRemovalsAsync(TransactionName.Default, Token)).Value;
                if ((await store.ListTransactionsAsync(Token)).Contains(TransactionName.Default))
                {
                    removals.ShouldBe(["settings.a"]);
                    (await store.GetPendingAsync(TransactionName.Default, null, Token)).Value.ShouldBe(Pending);
                    return "old";
                }

                removals.ShouldBeEmpty();
                return "new";
            },
            setUp: StageRemovalOfAAsync);

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RevertOfARemoval_FaultAtEveryStep_RemovedKeyBackAndRecordGoneTogetherOrNeither(bool checkpoint)
    {
        var outcomes = await RunWithFaultAtEveryStepAsync(checkpoint,
            async store => (await store.RevertAsync("c1", Token)).Value.ShouldBe(["settings.a", "settings.b", "settings.c"]),
            async store =>
            {
                var live = (await store.GetLiveAsync(null, Token)).Value;
                var confirmation = await store.GetConfirmationAsync(Token);
                if (Same(live, LiveAfterRemovingA))
                {
                    confirmation.ShouldNotBeNull().Changes.ShouldBe([new("settings.a", "1", null), new("settings.b", "2", "20"), new("settings.c", null, "30")]);
                    return "old";
                }

                live.ShouldBe(OldLive, "the removed settings.a comes back");
                confirmation.ShouldBeNull();
                return "new";
            },
            setUp: async store =>
            {
                await StageRemovalOfAAsync(store);
                (await store.CommitAsync(TransactionName.Default, new CommitOptions { Confirmation = Confirm }, Token)).Value.Confirmation.ShouldNotBeNull();
            });

        outcomes.ShouldBe(["old", "new"], ignoreOrder: true);
    }

    // The default transaction then removes settings.a, and sets b and c as before.
    private static async Task StageRemovalOfAAsync(IDatastore store) =>
        (await store.RemovePendingAsync(TransactionName.Default, ["settings.a"], Values(), Token)).ShouldBeNull();
}
