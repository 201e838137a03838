using CsCheck;
using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

/// <summary>The twin is only useful if it behaves like the real store: random histories must look the same through both.</summary>
public sealed class DatastoreEquivalencePropertyTests
{
    private enum Kind
    {
        Set,
        Remove,
        Commit,
        Delete,
        SetMetadata,
        CommitAwaitingConfirmation,
        Confirm,
        Revert,
    }

    private readonly record struct Operation(Kind Kind, string Transaction, string Key, string Value);

    private static readonly string[] Transactions = [TransactionName.Default, "t1", "bad name"];

    // A small pool, so histories revisit keys; includes spellings of one key, and bad keys and values.
    private static readonly Gen<Operation> AnyOperation = Gen.Select(
        Gen.Enum<Kind>(),
        Gen.OneOf<string>(Transactions),
        Gen.OneOf<string>("settings.a", "settings.b", "settings.b.c", "settings.\"b.c\"", "settings.\"a\"", "settings..bad"),
        Gen.OneOf<string>("1", "2", "\"s\"", "[1,2]", "[ 1, 2 ]", "null", "nope", "{\"o\":1}"),
        (kind, transaction, key, value) => new Operation(kind, transaction, key, value));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RandomHistory_FileAndInMemory_SameObservableResults()
    {
        await AnyOperation.Array[1, 12].SampleAsync(async history =>
        {
            using var directory = new TempDirectory();
            await using var file = await FileDatastore.OpenAsync(directory.File("datastore"), Token);
            var memory = new InMemoryDatastore();

            foreach (var operation in history)
            {
                (await ApplyAsync(file, operation)).ShouldBe(await ApplyAsync(memory, operation), operation.ToString());
            }

            (await ObserveAsync(file)).ShouldBe(await ObserveAsync(memory));

            // And what the file store holds survives reopening.
            await using var reopened = await FileDatastore.OpenAsync(directory.File("datastore"), Token);
            (await ObserveAsync(reopened)).ShouldBe(await ObserveAsync(memory));
        }, iter: 60, threads: 1);
    }

    private static async Task<string> ApplyAsync(IDatastore store, Operation operation) => operation.Kind switch
    {
        Kind.Set => Show(await store.SetPendingAsync(operation.Transaction, new Dictionary<string, string> { [operation.Key] = operation.Value }, Token)),
        Kind.Remove => Show(await store.RemovePendingAsync(operation.Transaction, [operation.Key], new Dictionary<string, string>(), Token)),
        Kind.Commit => Show(await store.CommitAsync(operation.Transaction, Token)),
        Kind.Delete => Show(await store.DeleteTransactionAsync(operation.Transaction, Token)),
        Kind.CommitAwaitingConfirmation => Show(await store.CommitAsync(operation.Transaction, new CommitOptions { Confirmation = new(operation.Transaction, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TimeSpan.Zero, null) }, Token)),
        Kind.Confirm => Show(await store.ConfirmAsync(operation.Transaction, Token)),
        Kind.Revert => Show(await store.RevertAsync(operation.Transaction, Token)),
        _ => Show(await store.SetMetadataAsync(operation.Key, operation.Transaction, operation.Value, Token)),
    };

    private static async Task<string> ObserveAsync(IDatastore store)
    {
        var lines = new List<string>
        {
            "live " + Show(await store.GetLiveAsync(null, Token)),
            "live settings.b " + Show(await store.GetLiveAsync("settings.b", Token)),
            "transactions " + string.Join(",", await store.ListTransactionsAsync(Token)),
            "awaiting " + (await store.GetConfirmationAsync(Token) is { } c ? $"{c.Id} {string.Join(";", c.Changes)}" : "nothing"),
        };
        foreach (var transaction in Transactions)
        {
            lines.Add($"pending {transaction} " + Show(await store.GetPendingAsync(transaction, null, Token)));
            lines.Add($"removals {transaction} " + Show(await store.GetPendingRemovalsAsync(transaction, Token)));
            lines.Add($"effective {transaction} " + Show(await store.GetEffectiveAsync(transaction, null, Token)));
        }

        foreach (var key in new[] { "settings.a", "settings.b.c" })
        {
            lines.Add($"metadata {key} " + Show(await store.GetMetadataAsync(key, TransactionName.Default, Token)));
        }

        return string.Join("\n", lines);
    }

    private static string Show(DatastoreError? error) => error is null ? "ok" : $"{error.Kind} {error.Subject}";

    private static string Show<T>(DatastoreResult<T> result) => result.Error is { } error
        ? Show(error)
        : result.Value switch
        {
            IReadOnlyDictionary<string, string> map => string.Join(";", map.Select(pair => $"{pair.Key}={pair.Value}")),
            IReadOnlyList<string> keys => string.Join(";", keys),
            CommitResult commit => string.Join(";", commit.Changed) + " awaiting " + commit.Confirmation?.Id + " removed " + string.Join(";", commit.Removed),
            PendingTransaction pending => string.Join(";", pending.Values) + " removing " + string.Join(";", pending.Removals),
            PendingConfirmation confirmation => confirmation.Id,
            var value => value?.ToString() ?? "(none)",
        };
}
