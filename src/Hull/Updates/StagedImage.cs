namespace Hull.Updates;

/// <summary>What a slot holds (Bottlerocket's <c>StagedImage</c>, plus Hull's slot and boot entry).</summary>
/// <param name="Image">The image, or null when the slot holds nothing bootable.</param>
/// <param name="Slot"><c>a</c> or <c>b</c>.</param>
/// <param name="Partition">The root partition's GPT name (<c>ROOT-A</c>).</param>
/// <param name="Entry">The slot's boot entry on the ESP, or null.</param>
/// <param name="NextToBoot">True when systemd-boot will pick this slot at the next boot.</param>
internal sealed record StagedImage(UpdateImage? Image, string Slot, string Partition, string? Entry, bool NextToBoot);
