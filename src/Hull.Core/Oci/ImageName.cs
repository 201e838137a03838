namespace Hull.Oci;

/// <summary>Splits "[host[:port]/]repository[:tag]": a colon before the last slash belongs to the host.</summary>
public static class ImageName
{
    /// <summary>The tag, "latest" when there is none.</summary>
    public static string Tag(string name) => TagColon(name) is var c and >= 0 ? name[(c + 1)..] : "latest";

    /// <summary>Everything before the tag.</summary>
    public static string Repository(string name) => TagColon(name) is var c and >= 0 ? name[..c] : name;

    private static int TagColon(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? colon : -1;
    }
}
