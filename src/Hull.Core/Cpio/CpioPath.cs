namespace Hull.Cpio;

/// <summary>Turns a caller's path into the name stored in the archive.</summary>
internal static class CpioPath
{
    /// <summary>
    /// Strips leading slashes (the kernel unpacks relative to rootfs either way, and GNU cpio
    /// refuses absolute names by default) and rejects names that could escape the root.
    /// </summary>
    public static string Normalize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0'))
        {
            throw new ArgumentException($"'{path}' contains a NUL byte", nameof(path));
        }

        var name = path.TrimStart('/').TrimEnd('/');
        if (name.Length == 0)
        {
            return ".";
        }

        foreach (var part in name.Split('/'))
        {
            if (part is "" or "..")
            {
                throw new ArgumentException($"'{path}' has an empty or '..' component", nameof(path));
            }
        }

        return name;
    }
}
