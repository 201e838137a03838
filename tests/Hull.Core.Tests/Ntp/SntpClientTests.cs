using System.Net;
using Hull.Ntp;

namespace Hull.Core.Tests.Ntp;

public sealed class SntpClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_RealChronyd_GivesItsStratumAndASmallOffset()
    {
        using var chrony = ChronyServer.Start();
        var (sample, error) = await SntpClient.QueryAsync(new IPEndPoint(IPAddress.Loopback, chrony.Port), "chronyd", TimeSpan.FromSeconds(2), TimeProvider.System, Ct);

        error.ShouldBeNull();
        sample!.Stratum.ShouldBe(ChronyServer.Stratum);
        sample.Offset.Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));   // same machine, same clock
        sample.Delay.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
    }

    [Fact]
    public async Task QueryAsync_ClockOneHourBehind_OffsetIsAboutAnHour()
    {
        using var chrony = ChronyServer.Start();
        var behind = new ShiftedTime(TimeSpan.FromHours(-1));
        var (sample, _) = await SntpClient.QueryAsync(new IPEndPoint(IPAddress.Loopback, chrony.Port), "chronyd", TimeSpan.FromSeconds(2), behind, Ct);
        sample!.Offset.TotalHours.ShouldBe(1, 0.01);
    }

    [Fact]
    public async Task QueryAsync_NobodyListening_IsAValueNamingTheServer()
    {
        using var chrony = ChronyServer.Start();
        var port = chrony.Port;
        chrony.Dispose();
        var (sample, error) = await SntpClient.QueryAsync(new IPEndPoint(IPAddress.Loopback, port), "silent", TimeSpan.FromMilliseconds(300), TimeProvider.System, Ct);
        sample.ShouldBeNull();
        error.ShouldStartWith("silent: ");
    }

    [Fact]
    public void Decode_BadAnswers_AreRefusedWithTheReason()
    {
        var originate = new byte[8];
        NtpTimestamp.Write(originate, DateTimeOffset.UtcNow);
        byte[] Answer(byte first, byte stratum)
        {
            var a = new byte[48];
            a[0] = first;
            a[1] = stratum;
            originate.CopyTo(a, 24);
            return a;
        }

        var now = DateTimeOffset.UtcNow;
        SntpClient.Decode(new byte[20], originate, "s", now, now).Error!.ShouldContain("20 bytes");
        SntpClient.Decode(Answer(0x23, 2), originate, "s", now, now).Error!.ShouldContain("mode 3");
        SntpClient.Decode(Answer(0x24, 0), originate, "s", now, now).Error!.ShouldContain("not synchronised");
        SntpClient.Decode(Answer(0xE4, 2), originate, "s", now, now).Error!.ShouldContain("not synchronised");
        var wrong = Answer(0x24, 2);
        wrong[31] ^= 1;
        SntpClient.Decode(wrong, originate, "s", now, now).Error!.ShouldContain("does not match");
    }

    [Fact]
    public void NtpTimestamp_UnixEpochAndRoundTrip_MatchRfc5905()
    {
        var buffer = new byte[8];
        NtpTimestamp.Write(buffer, DateTimeOffset.UnixEpoch);
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(buffer).ShouldBe(2_208_988_800u);

        var time = new DateTimeOffset(2026, 11, 27, 12, 34, 56, 789, TimeSpan.Zero);
        NtpTimestamp.Write(buffer, time);
        (NtpTimestamp.Read(buffer) - time).Duration().ShouldBeLessThan(TimeSpan.FromMicroseconds(1));

        var after2036 = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        NtpTimestamp.Write(buffer, after2036);
        NtpTimestamp.Read(buffer).ShouldBe(after2036);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
