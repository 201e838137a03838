namespace Hull.Tuf;

/// <summary>The client's trusted metadata on disk: root.json, timestamp.json, snapshot.json and targets.json in one folder, each replaced atomically.</summary>
internal sealed class TufTrustedStore(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public byte[]? Read(string fileName) => TufFiles.ReadIfExists(Path.Combine(Directory, fileName));

    public void Write(string fileName, byte[] contents) => TufFiles.WriteAtomic(Path.Combine(Directory, fileName), contents);

    public void Delete(string fileName) => File.Delete(Path.Combine(Directory, fileName));
}
