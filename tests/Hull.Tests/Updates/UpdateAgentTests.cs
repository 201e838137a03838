using System.Text.Json;
using Hull.Tuf;
using Hull.Updates;

namespace Hull.Tests.Updates;

/// <summary>The agent end to end on the build machine: a real TUF repository, zstd payloads, files for the partitions and a folder for the ESP.</summary>
public sealed class UpdateAgentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrepareThenActivate_V1ToV2_WritesTheRootAndPutsTheUkiOnTrial()
    {
        using var repo = new UpdateRepository();
        var release = repo.Publish("2.0.0", migrations: [new SettingsMigration("motd", [new MigrationStep("remove", "settings.motd")], [])]);
        using var agent = repo.Agent();

        var prepared = await agent.PrepareAsync(Ct);

        prepared.Error.ShouldBeNull();
        var written = File.ReadAllBytes(repo.PartitionB);
        written.AsSpan(0, repo.RootImage("2.0.0").Length).SequenceEqual(repo.RootImage("2.0.0")).ShouldBeTrue();
        written.AsSpan(repo.RootImage("2.0.0").Length).ContainsAnyExcept((byte)0).ShouldBeFalse();
        written.Length.ShouldBe((int)UpdateRepository.PartitionBytes);
        Directory.GetFiles(repo.LinuxDir).Select(Path.GetFileName).Order().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b.efi.staged"]);
        File.ReadAllBytes(Path.Combine(repo.LinuxDir, "hull-2.0.0-b.efi.staged")).ShouldBe(UpdateRepository.Uki("2.0.0", 'b'));
        prepared.Status!.UpdateState.ShouldBe("Staged");
        prepared.Status.StagingPartition.ShouldBe(new StagedImage(new UpdateImage("x86_64", "2.0.0", "default"), "b", "ROOT-B", "hull-2.0.0-b.efi.staged", false));
        File.ReadAllText(Path.Combine(repo.StateDir, "migrations", "2.0.0.json")).ShouldContain("\"settings.motd\"");
        File.ReadAllBytes(repo.PartitionA).ShouldAllBe(b => b == 0);
        release.Images.Root.Bytes.ShouldBe(repo.RootImage("2.0.0").Length);

        var activated = await agent.ActivateAsync(Ct);

        activated.Error.ShouldBeNull();
        Directory.GetFiles(repo.LinuxDir).Select(Path.GetFileName).Order().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b+3.efi"]);
        activated.Status!.UpdateState.ShouldBe("Ready");
        activated.Status.StagingPartition.NextToBoot.ShouldBeTrue();
        activated.Status.ActivePartition.NextToBoot.ShouldBeFalse();
        activated.Status.MostRecentCommand!.CmdType.ShouldBe("activate");
        activated.Status.MostRecentCommand.CmdStatus.ShouldBe("Success");
    }

    [Fact]
    public async Task Prepare_SkippingARelease_SavesTheMigrationsOfEveryReleaseOnTheWay()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0", migrations: [new SettingsMigration("skipped", [new MigrationStep("remove", "settings.ntp")], [])]);
        repo.Publish("2.5.0", variant: "other", migrations: [new SettingsMigration("other-variant", [new MigrationStep("remove", "settings.dns")], [])]);
        repo.Publish("3.0.0", migrations: [new SettingsMigration("chosen", [new MigrationStep("remove", "settings.motd")], [])]);
        repo.Publish("4.0.0", migrations: [new SettingsMigration("later", [new MigrationStep("remove", "settings.network")], [])]);
        using var agent = repo.Agent(policy: new UpdatePolicy(100, new HullVersion(3, 0, 0), false));

        (await agent.PrepareAsync(Ct)).Error.ShouldBeNull();

        var saved = Path.Combine(repo.StateDir, "migrations");
        Directory.GetFiles(saved).Select(Path.GetFileName).Order().ShouldBe(["2.0.0.json", "3.0.0.json"]);
        File.ReadAllText(Path.Combine(saved, "2.0.0.json")).ShouldContain("\"skipped\"");
        File.ReadAllText(Path.Combine(saved, "3.0.0.json")).ShouldContain("\"chosen\"");
    }

    [Fact]
    public async Task Deactivate_AfterActivate_BackToStagedAndTheRunningSlotBootsNext()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        using var agent = repo.Agent();
        (await agent.PrepareAsync(Ct)).Error.ShouldBeNull();
        (await agent.ActivateAsync(Ct)).Error.ShouldBeNull();

        var reply = await agent.DeactivateAsync(Ct);

        reply.Error.ShouldBeNull();
        Directory.GetFiles(repo.LinuxDir).Select(Path.GetFileName).Order().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b.efi.staged"]);
        reply.Status!.UpdateState.ShouldBe("Staged");
        reply.Status.ActivePartition.NextToBoot.ShouldBeTrue();
    }

    [Fact]
    public async Task Activate_NothingPrepared_NotAllowedAndNothingRenamed()
    {
        using var repo = new UpdateRepository();
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.ActivateAsync(Ct);

        reply.Error!.Kind.ShouldBe(UpdateErrorKind.NotAllowed);
        reply.Error.Message.ShouldBe($"{repo.LinuxDir}: nothing is staged in the other slot (b) to activate; prepare first");
        reply.Status!.MostRecentCommand!.CmdStatus.ShouldBe("Failed");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Prepare_AgainOnTheNewSlot_ReplacesTheOldVersionsEntries()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        using (var agent = repo.Agent())
        {
            (await agent.PrepareAsync(Ct)).Error.ShouldBeNull();
        }

        repo.Publish("2.1.0");
        using var again = repo.Agent();

        (await again.PrepareAsync(Ct)).Error.ShouldBeNull();

        Directory.GetFiles(repo.LinuxDir).Select(Path.GetFileName).Order().ShouldBe(["hull-1.0.0-a.efi", "hull-2.1.0-b.efi.staged"]);
        File.ReadAllBytes(repo.PartitionB).AsSpan(0, repo.RootImage("2.1.0").Length).SequenceEqual(repo.RootImage("2.1.0")).ShouldBeTrue();
    }

    [Fact]
    public async Task Refresh_WaveNotStarted_AvailableButNotChosenAndSaysWhen()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0", waves: [new UpdateWave(2048, UpdateRepository.Start.AddHours(12))]);
        using var agent = repo.Agent();

        var reply = await agent.RefreshAsync(Ct);

        reply.Error.ShouldBeNull();
        reply.Status!.UpdateState.ShouldBe("Idle");
        reply.Status.AvailableUpdates.ShouldBe(["2.0.0"]);
        reply.Status.ChosenUpdate.ShouldBeNull();
        reply.Status.NotChosen.ShouldBe(["2.0.0 waits for wave 1 of 1 (seed 100 < 2048), starting 2026-06-02T00:00:00Z"]);

        repo.Time.Advance(TimeSpan.FromHours(12));
        var later = await agent.RefreshAsync(Ct);

        later.Status!.UpdateState.ShouldBe("Available");
        later.Status.ChosenUpdate.ShouldBe(new UpdateImage("x86_64", "2.0.0", "default"));
    }

    [Fact]
    public async Task Prepare_PayloadTamperedAfterSigning_RefusedNamingTheTargetAndNothingBootable()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        var stored = repo.StoredTarget("2.0.0/uki-b.efi.zst");
        var bytes = File.ReadAllBytes(stored);
        bytes[^10] ^= 0x55;
        File.WriteAllBytes(stored, bytes);
        using var agent = repo.Agent();
        var esp = repo.EspSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.Kind.ShouldBe(UpdateErrorKind.Tuf);
        reply.Error.TufKind.ShouldBe(TufErrorKind.HashMismatch);
        reply.Error.File.ShouldBe("2.0.0/uki-b.efi.zst");
        reply.Error.Message.ShouldStartWith("2.0.0/uki-b.efi.zst: targets/2.0.0/");
        reply.Status!.MostRecentCommand!.Error.ShouldBe(reply.Error);
        reply.Status.UpdateState.ShouldBe("Available");
        reply.Status.StagingPartition.Entry.ShouldBeNull();
        repo.EspSnapshot().ShouldBe(esp);
    }

    [Fact]
    public async Task Prepare_RootTamperedAfterSigning_RefusedAndTheEspUntouched()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        var stored = repo.StoredTarget("2.0.0/root.img.zst");
        var bytes = File.ReadAllBytes(stored);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(stored, bytes);
        using var agent = repo.Agent();
        var esp = repo.EspSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.TufKind.ShouldBe(TufErrorKind.HashMismatch);
        reply.Error.File.ShouldBe("2.0.0/root.img.zst");
        repo.EspSnapshot().ShouldBe(esp);
        File.Exists(Path.Combine(repo.StateDir, "migrations", "2.0.0.json")).ShouldBeFalse();

        // Streaming means the inactive partition got bytes before the end of the stream told they were bad; nothing boots them.
        repo.Agent().Status().StagingPartition.ShouldBe(new StagedImage(null, "b", "ROOT-B", null, false));
    }

    [Fact]
    public async Task Prepare_TimestampExpired_RefusedAsAFreezeAndTheHostUntouched()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        repo.Time.Advance(TimeSpan.FromDays(2));
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.TufKind.ShouldBe(TufErrorKind.Expired);
        reply.Error.File.ShouldBe("timestamp.json");
        reply.Error.Message.ShouldContain("expired at 2026-06-02T12:00:00Z");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Prepare_MetadataRolledBack_RefusedAndTheHostUntouched()
    {
        using var repo = new UpdateRepository();
        var old = File.ReadAllBytes(Path.Combine(repo.RepoDir, "metadata", "timestamp.json"));
        repo.Publish("2.0.0");
        using var agent = repo.Agent();
        (await agent.RefreshAsync(Ct)).Error.ShouldBeNull();
        File.WriteAllBytes(Path.Combine(repo.RepoDir, "metadata", "timestamp.json"), old);
        var before = repo.HostSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.TufKind.ShouldBe(TufErrorKind.Rollback);
        reply.Error.File.ShouldBe("timestamp.json");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Prepare_TargetsBelowThreshold_RefusedAndTheHostUntouched()
    {
        using var repo = new UpdateRepository(targetsKeys: 2, targetsThreshold: 2);
        repo.Publish("2.0.0");
        repo.PublishTargetsSignedBy(repo.TargetsKeys[0]);
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.TufKind.ShouldBe(TufErrorKind.ThresholdNotMet);
        reply.Error.File.ShouldBe("4.targets.json");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Prepare_ImageBiggerThanThePartition_RefusedBeforeAnythingIsWritten()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0", rootBytes: (int)UpdateRepository.PartitionBytes + 4096);
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.Kind.ShouldBe(UpdateErrorKind.TooLarge);
        reply.Error.Message.ShouldBe($"2.0.0/root.img.zst: the image is {UpdateRepository.PartitionBytes + 4096} bytes, more than the {UpdateRepository.PartitionBytes} bytes of {repo.PartitionB}");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Prepare_OnlyAnotherVariantPublished_NoUpdateNamingTheReleaseAndTheHostUntouched()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0", variant: "dev");
        repo.Publish("2.1.0", arch: "aarch64");
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.Kind.ShouldBe(UpdateErrorKind.NoUpdate);
        reply.Error.File.ShouldBe("manifest.json");
        reply.Error.Message.ShouldBe("manifest.json: no release newer than 1.0.0 for default on x86_64 to prepare: "
            + "manifest.json: releases[0]: 2.0.0 is for variant dev on x86_64, not this host's default on x86_64; "
            + "manifest.json: releases[1]: 2.1.0 is for variant default on aarch64, not this host's default on x86_64");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Prepare_ManifestTamperedAfterSigning_RefusedNamingManifestJson()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        File.WriteAllText(repo.StoredTarget("manifest.json"), "{\"manifest_version\":1,\"releases\":[]}");
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.PrepareAsync(Ct);

        reply.Error!.TufKind.ShouldBe(TufErrorKind.LengthMismatch);
        reply.Error.File.ShouldBe("manifest.json");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Theory]
    [InlineData("DeleteEntries")]
    [InlineData("WriteRoot")]
    [InlineData("VerifyRoot")]
    [InlineData("StageUki")]
    [InlineData("Ready")]
    public async Task Prepare_CutOffBeforeAStep_NextStartReportsInterruptedAndPreparesAgain(string step)
    {
        var cut = Enum.Parse<PrepareStep>(step);
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        using (var first = repo.Agent(beforeStep: s => { if (s == cut) { throw new PowerCut(); } }))
        {
            await Should.ThrowAsync<PowerCut>(() => first.PrepareAsync(Ct));
        }

        using var restarted = repo.Agent();
        var status = restarted.Status();

        status.Interrupted!.ShouldStartWith($"prepare of 2.0.0 into slot b was interrupted during {cut} (started 2026-06-01T12:00:00Z)");
        status.MostRecentCommand!.CmdStatus.ShouldBe("Failed");
        status.MostRecentCommand.Error!.Message.ShouldBe("prepare was cut off: the updater stopped while it ran");
        Directory.GetFiles(repo.LinuxDir).Select(Path.GetFileName).ShouldBe(["hull-1.0.0-a.efi"]);

        var again = await restarted.PrepareAsync(Ct);

        again.Error.ShouldBeNull();
        again.Status!.UpdateState.ShouldBe("Staged");
        again.Status.Interrupted.ShouldBeNull();
    }

    [Fact]
    public async Task Prepare_CancelledWhileWriting_NextStartReportsInterrupted()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        using var stop = new CancellationTokenSource();
        using (var first = repo.Agent(beforeStep: step => { if (step == PrepareStep.VerifyRoot) { stop.Cancel(); } }))
        {
            await Should.ThrowAsync<OperationCanceledException>(() => first.PrepareAsync(stop.Token));
        }

        repo.Agent().Status().Interrupted!.ShouldStartWith("prepare of 2.0.0 into slot b was interrupted during VerifyRoot");
    }

    [Fact]
    public async Task Rollback_OtherSlotGood_RunningEntryMarkedBadSoTheOtherBootsNext()
    {
        using var repo = new UpdateRepository();
        File.WriteAllBytes(Path.Combine(repo.LinuxDir, "hull-2.0.0-b.efi"), UpdateRepository.Uki("2.0.0", 'b'));
        using var agent = repo.Agent("2.0.0", 'b');
        agent.Status().ActivePartition.NextToBoot.ShouldBeTrue();

        var reply = await agent.RollbackAsync(Ct);

        reply.Error.ShouldBeNull();
        Directory.GetFiles(repo.LinuxDir).Select(Path.GetFileName).Order().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b+0.efi"]);
        reply.Status!.StagingPartition.ShouldBe(new StagedImage(new UpdateImage("x86_64", "1.0.0", "default"), "a", "ROOT-A", "hull-1.0.0-a.efi", true));
    }

    [Fact]
    public async Task Rollback_OtherSlotEmpty_NotAllowed()
    {
        using var repo = new UpdateRepository();
        using var agent = repo.Agent();
        var before = repo.HostSnapshot();

        var reply = await agent.RollbackAsync(Ct);

        reply.Error!.Message.ShouldBe($"{repo.LinuxDir}: slot b holds no good entry to roll back to (none)");
        repo.HostSnapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Open_BootedIntoThePreparedSlot_TheSlotRecordIsDone()
    {
        using var repo = new UpdateRepository();
        repo.Publish("2.0.0");
        using (var agent = repo.Agent())
        {
            (await agent.PrepareAsync(Ct)).Error.ShouldBeNull();
            (await agent.ActivateAsync(Ct)).Error.ShouldBeNull();
        }

        File.Move(Path.Combine(repo.LinuxDir, "hull-2.0.0-b+3.efi"), Path.Combine(repo.LinuxDir, "hull-2.0.0-b+2-1.efi"));
        using var booted = repo.Agent("2.0.0", 'b');

        var status = booted.Status();

        status.ActivePartition.Entry.ShouldBe("hull-2.0.0-b+2-1.efi");
        status.ActivePartition.NextToBoot.ShouldBeTrue();
        status.UpdateState.ShouldBe("Idle");
        JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.StateDir, "state.json"))).RootElement.GetProperty("slot").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Status_BootAssessmentOnState_ShownAsLastBootAssessment()
    {
        using var repo = new UpdateRepository();
        Directory.CreateDirectory(repo.StateDir);
        var assessment = new BootAssessment("bad", "3.0.0", "b", "hull-3.0.0-b+1-2.efi", ["workload web: unhealthy after 120 s"], null, UpdateRepository.Start);
        File.WriteAllBytes(Path.Combine(repo.StateDir, BootAssessment.FileName), JsonSerializer.SerializeToUtf8Bytes(assessment, UpdaterJsonContext.Default.BootAssessment));
        using var agent = repo.Agent();

        var status = agent.Status();

        JsonSerializer.Serialize(status.LastBootAssessment, UpdaterJsonContext.Default.BootAssessment)
            .ShouldBe(JsonSerializer.Serialize(assessment, UpdaterJsonContext.Default.BootAssessment));
    }

    private sealed class PowerCut : Exception;
}
