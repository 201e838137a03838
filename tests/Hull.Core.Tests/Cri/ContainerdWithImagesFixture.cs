namespace Hull.Core.Tests.Cri;

/// <summary>A real containerd with the busybox-based pause and shell images imported.</summary>
public sealed class ContainerdWithImagesFixture : ContainerdFixture
{
    protected override bool WithImages => true;
}
