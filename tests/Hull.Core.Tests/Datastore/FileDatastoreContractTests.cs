using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

public sealed class FileDatastoreContractTests : DatastoreContractTests
{
    private readonly TempDirectory _directory = new();
    private FileDatastore? _store;

    public override async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _directory.Dispose();
        await base.DisposeAsync();
    }

    private protected override async Task<IDatastore> CreateAsync() =>
        _store = await FileDatastore.OpenAsync(_directory.File("datastore"), Token);
}
