namespace Hull.Updates;

/// <summary>An image as the status names it (Bottlerocket's <c>UpdateImage</c>).</summary>
internal sealed record UpdateImage(string Arch, string Version, string Variant);
