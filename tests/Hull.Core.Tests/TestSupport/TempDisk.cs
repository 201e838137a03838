namespace Hull.Core.Tests.TestSupport;

/// <summary>A sparse disk image in the temp directory, deleted on dispose.</summary>
internal sealed class TempDisk : IDisposable
{
    private TempDisk(string path, long sizeBytes)
    {
        Path = path;
        SizeBytes = sizeBytes;
    }

    /// <summary>Full path of the image file.</summary>
    public string Path { get; }

    /// <summary>Current size of the image.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Creates an all-zero sparse image of <paramref name="sizeBytes"/>.</summary>
    public static TempDisk Create(long sizeBytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hull-gpt-{Guid.NewGuid():N}.img");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(sizeBytes);
        }

        return new TempDisk(path, sizeBytes);
    }

    /// <summary>Opens the image for reading and writing.</summary>
    public FileStream Open() => new(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

    /// <summary>Extends the image, as a cloud disk that was enlarged.</summary>
    public void Resize(long sizeBytes)
    {
        using var file = Open();
        file.SetLength(sizeBytes);
        SizeBytes = sizeBytes;
    }

    /// <summary>Overwrites <paramref name="count"/> bytes at <paramref name="offset"/> with their complement.</summary>
    public void Corrupt(long offset, int count = 1)
    {
        using var file = Open();
        var buffer = new byte[count];
        file.Seek(offset, SeekOrigin.Begin);
        file.ReadExactly(buffer);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)~buffer[i];
        }

        file.Seek(offset, SeekOrigin.Begin);
        file.Write(buffer);
    }

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
    public byte[] ReadBytes(long offset, int count)
    {
        using var file = Open();
        var buffer = new byte[count];
        file.Seek(offset, SeekOrigin.Begin);
        file.ReadExactly(buffer);
        return buffer;
    }

    /// <inheritdoc/>
    public void Dispose() => File.Delete(Path);
}
