namespace Hull.Testing;

/// <summary>A fresh directory under the system temp dir, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("hull-test-").FullName;
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the directory (nothing is created).</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/>, creating parent folders, and returns the full path.</summary>
    public string Write(string relative, string content)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/>, creating parent folders, and returns the full path.</summary>
    public string Write(string relative, byte[] content)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir must not fail the test that made it.
        }
    }
}
