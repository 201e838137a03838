namespace Hull.Tuf;

/// <summary>The fields every top-level role's "signed" object has (spec "File formats").</summary>
public interface ITufSigned
{
    /// <summary>The role this file is for: root, targets, snapshot or timestamp (the "_type" field).</summary>
    public string Type { get; }

    /// <summary>The TUF spec version the file was written to (semver; major 1 is accepted).</summary>
    public string SpecVersion { get; }

    /// <summary>The file's version, from 1; a client never replaces a file with an older one.</summary>
    public long Version { get; }

    /// <summary>When clients stop trusting the file.</summary>
    public DateTimeOffset Expires { get; }
}
