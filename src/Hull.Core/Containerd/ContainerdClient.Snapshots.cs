using Hull.Containerd.Api.Snapshots;
using Hull.Containerd.Api.Types;

namespace Hull.Containerd;

internal sealed partial class ContainerdClient
{
    /// <summary>A new active snapshot <paramref name="key"/> on top of committed <paramref name="parent"/> ("" for none); returns how to mount it.</summary>
    public async Task<IReadOnlyList<Mount>> PrepareSnapshotAsync(string snapshotter, string key, string parent, CancellationToken cancellationToken)
    {
        var request = new PrepareSnapshotRequest { Snapshotter = snapshotter, Key = key, Parent = parent };
        var response = await CallAsync("Snapshots.Prepare", Snapshot(snapshotter, key), o => _snapshots.PrepareAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response.Mounts;
    }

    /// <summary>Commits active snapshot <paramref name="key"/> as <paramref name="name"/>; AlreadyExists when that name is taken.</summary>
    public Task CommitSnapshotAsync(string snapshotter, string name, string key, CancellationToken cancellationToken)
    {
        var request = new CommitSnapshotRequest { Snapshotter = snapshotter, Name = name, Key = key };
        return CallAsync("Snapshots.Commit", Snapshot(snapshotter, key), o => _snapshots.CommitAsync(request, o), cancellationToken);
    }

    /// <summary>What snapshot <paramref name="key"/> is (active or committed, its parent), or null when there is none.</summary>
    public async Task<Info?> StatSnapshotAsync(string snapshotter, string key, CancellationToken cancellationToken)
    {
        var request = new StatSnapshotRequest { Snapshotter = snapshotter, Key = key };
        var response = await CallOrNullAsync("Snapshots.Stat", Snapshot(snapshotter, key), o => _snapshots.StatAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response?.Info;
    }

    /// <summary>Removes snapshot <paramref name="key"/> (refused while a child depends on it).</summary>
    public Task RemoveSnapshotAsync(string snapshotter, string key, CancellationToken cancellationToken) =>
        CallAsync("Snapshots.Remove", Snapshot(snapshotter, key), o => _snapshots.RemoveAsync(new RemoveSnapshotRequest { Snapshotter = snapshotter, Key = key }, o), cancellationToken);

    private static string Snapshot(string snapshotter, string key) => $"{snapshotter} snapshot {key}";
}
