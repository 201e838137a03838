using Hull.Init;

namespace Hull.Tests.Init;

public sealed class MountTableTests
{
    // As a Hull host lists them with a container running (trimmed to the fields that matter).
    private static readonly string[] Mountinfo =
    [
        "20 1 253:0 / / ro,relatime shared:1 - erofs /dev/mapper/root ro",
        "21 20 0:5 / /dev rw,nosuid shared:2 - devtmpfs devtmpfs rw",
        "24 20 0:22 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw",
        "30 20 0:30 / /var rw,nosuid,nodev shared:9 - tmpfs tmpfs rw",
        "31 30 254:5 / /var rw,relatime shared:10 - ext4 /dev/vda5 rw",
        "32 31 254:4 / /var/lib/hull rw,relatime shared:11 - ext4 /dev/vda4 rw",
        "40 24 0:40 / /run/netns/cni-1 rw shared:20 - nsfs nsfs rw",
        "41 24 0:41 / /run/containerd/io.containerd.grpc.v1.cri/sandboxes/abc/shm rw shared:21 - tmpfs shm rw",
        "42 24 0:42 / /run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/rootfs rw shared:22 - overlay overlay rw,lowerdir=/var/lib/containerd/x",
        "43 20 0:43 / /run2 rw shared:23 - tmpfs tmpfs rw",
        "44 24 0:44 / /run/with\\040space rw shared:24 - tmpfs tmpfs rw",
    ];

    [Fact]
    public void BelowInUnmountOrder_NestedMounts_ListsChildrenBeforeParents()
    {
        var order = MountTable.BelowInUnmountOrder(Mountinfo, ["/run", "/var"]);

        order.ShouldBe(
        [
            "/run/with space",
            "/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/rootfs",
            "/run/containerd/io.containerd.grpc.v1.cri/sandboxes/abc/shm",
            "/run/netns/cni-1",
            "/var/lib/hull",
            "/var",
            "/var",
            "/run",
        ]);
    }

    [Fact]
    public void BelowInUnmountOrder_SiblingWithSamePrefix_IsNotBelowTheRoot()
    {
        MountTable.BelowInUnmountOrder(Mountinfo, ["/run"]).ShouldNotContain("/run2");
    }

    [Fact]
    public void BelowInUnmountOrder_ShortLine_IsSkipped()
    {
        MountTable.BelowInUnmountOrder(["", "1 2 3"], ["/run"]).ShouldBeEmpty();
    }
}
