using Hull.Containerd.Api.Leases;

namespace Hull.Containerd;

internal sealed partial class ContainerdClient
{
    // containerd's collector drops a lease once this time (RFC 3339) has passed (leases/lease.go).
    private const string ExpireLabel = "containerd.io/gc.expire";

    /// <summary>Creates lease <paramref name="id"/>, which the garbage collector drops by itself after <paramref name="expiresAt"/>.</summary>
    public Task CreateLeaseAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var request = new CreateRequest { Id = id, Labels = { [ExpireLabel] = expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) } };
        return CallAsync("Leases.Create", $"lease {id}", o => _leases.CreateAsync(request, o), cancellationToken);
    }

    /// <summary>Deletes lease <paramref name="id"/>; what only it held becomes garbage (collected now when <paramref name="sync"/>).</summary>
    public Task DeleteLeaseAsync(string id, bool sync, CancellationToken cancellationToken) =>
        CallAsync("Leases.Delete", $"lease {id}", o => _leases.DeleteAsync(new DeleteRequest { Id = id, Sync = sync }, o), cancellationToken);
}
