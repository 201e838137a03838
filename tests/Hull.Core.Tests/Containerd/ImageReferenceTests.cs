using Hull.Containerd;

namespace Hull.Core.Tests.Containerd;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("someone/app:2", "docker.io/someone/app:2")]
    [InlineData("index.docker.io/library/nginx:1", "docker.io/library/nginx:1")]
    [InlineData("localhost/hull/pause:1", "localhost/hull/pause:1")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    [InlineData("registry.example/team/app:v1.2", "registry.example/team/app:v1.2")]
    [InlineData("hull.test/pause:1", "hull.test/pause:1")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker.io/library/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void TryNormalize_ValidName_WhatCriLooksUp(string name, string expected)
    {
        ImageReference.TryNormalize(name, out var normalized, out var reason).ShouldBeTrue(reason);
        normalized.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Busybox:1", "repository 'library/Busybox'")]
    [InlineData("registry.example/App:1", "repository 'App'")]
    [InlineData("app:-bad", "tag '-bad'")]
    [InlineData("", "repository 'library/'")]
    [InlineData("app with space", "repository 'library/app with space'")]
    [InlineData("app@md5:12", "digest 'md5:12'")]
    public void TryNormalize_InvalidName_ReasonNamesThePart(string name, string part)
    {
        ImageReference.TryNormalize(name, out _, out var reason).ShouldBeFalse();
        reason.ShouldStartWith($"image name '{name}': {part}");
    }
}
