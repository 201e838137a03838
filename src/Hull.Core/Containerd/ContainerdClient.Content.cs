using Google.Protobuf.WellKnownTypes;
using Hull.Containerd.Api.Content;

namespace Hull.Containerd;

internal sealed partial class ContainerdClient
{
    /// <summary>The blob's size and labels, or null when the namespace has no blob <paramref name="digest"/>.</summary>
    public async Task<Info?> ContentInfoAsync(string digest, CancellationToken cancellationToken)
    {
        var response = await CallOrNullAsync("Content.Info", Blob(digest), o => _content.InfoAsync(new InfoRequest { Digest = digest }, o), cancellationToken).ConfigureAwait(false);
        return response?.Info;
    }

    /// <summary>Sets <paramref name="labels"/> on blob <paramref name="digest"/>, leaving its other labels alone.</summary>
    public async Task<Info> SetContentLabelsAsync(string digest, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var request = new UpdateRequest { Info = new Info { Digest = digest }, UpdateMask = new FieldMask() };
        foreach (var (key, value) in labels)
        {
            request.Info.Labels[key] = value;
        }

        // "labels.<key>" paths touch one label each; without a mask containerd would replace them all.
        request.UpdateMask.Paths.AddRange(labels.Keys.Select(key => $"labels.{key}"));
        var response = await CallAsync("Content.Update", Blob(digest), o => _content.UpdateAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response.Info;
    }

    /// <summary>Deletes blob <paramref name="digest"/>.</summary>
    public Task DeleteContentAsync(string digest, CancellationToken cancellationToken) =>
        CallAsync("Content.Delete", Blob(digest), o => _content.DeleteAsync(new DeleteContentRequest { Digest = digest }, o), cancellationToken);

    /// <summary>Drops the unfinished write session <paramref name="writeRef"/>; one that is not there is fine.</summary>
    public async Task AbortContentWriteAsync(string writeRef, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("Content.Abort", $"write {writeRef}", o => _content.AbortAsync(new AbortRequest { Ref = writeRef }, o), cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerdException e) when (e.Kind == ContainerdErrorKind.NotFound)
        {
        }
    }
}
