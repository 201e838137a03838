using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

public sealed class InMemoryDatastoreContractTests : DatastoreContractTests
{
    private protected override Task<IDatastore> CreateAsync() => Task.FromResult<IDatastore>(new InMemoryDatastore());
}
