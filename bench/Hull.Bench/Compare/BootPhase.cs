namespace Hull.Bench.Compare;

/// <summary>A stretch of one boot on the wall clock from QEMU's start, named for what ends it.</summary>
internal sealed record BootPhase(string Name, double Start, double End)
{
    public double Seconds => End - Start;
}
