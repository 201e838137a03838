namespace Hull.Bench.Compare;

/// <summary>The images of a compare run.</summary>
internal static class ImageNames
{
    public const string HullDirect = "hull-direct";
    public const string HullUefi = "hull-uefi";
    public const string Baseline = "baseline";
    public const string Floor = "floor";

    /// <summary>How the tables and the picture name each image.</summary>
    public static string Label(string name) => name switch
    {
        HullDirect => "Hull (direct kernel boot)",
        HullUefi => "Hull (OVMF + Secure Boot)",
        Baseline => "Debian baseline",
        Floor => "Floor",
        _ => name,
    };
}
