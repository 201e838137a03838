using System.Globalization;
using System.Xml.Linq;
using Hull.Bench.Compare;

namespace Hull.Bench.Tests.Compare;

public sealed class TimelineSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_MedianBootOfEachImage_OneBarPerImageWithProportionalPhases()
    {
        var svg = TimelineSvg.Render("boots & more", CompareBenchmark.Timelines(Samples.Run()));

        var doc = XDocument.Parse(svg); // well-formed, the title's '&' escaped
        doc.Root!.Name.ShouldBe(Svg + "svg");
        var rows = doc.Root.Elements(Svg + "g").ToList();
        rows.Select(g => g.Element(Svg + "text")!.Value).ShouldBe([.. new[] { ImageNames.HullDirect, ImageNames.HullUefi, ImageNames.Baseline, ImageNames.Floor }.Select(ImageNames.Label)]);

        // Hull direct's median boot (containerd ready at 9 s): QEMU 3 s, kernel 1 s, ... every stretch as wide as its seconds.
        var hull = rows[0].Elements(Svg + "rect").ToList();
        hull.Select(r => r.Element(Svg + "title")!.Value).ShouldBe(
            ["QEMU + firmware: 3.00 s", "kernel: 1.00 s", "initramfs / stage 1: 1.00 s", "init, until containerd starts: 1.00 s", "until containerd is ready: 6.00 s"]);
        var widths = hull.Select(r => double.Parse(r.Attribute("width")!.Value, CultureInfo.InvariantCulture)).ToList();
        (widths[4] / widths[1]).ShouldBe(6, 0.05);
        rows[0].Elements(Svg + "text").Last().Value.ShouldBe("12.0 s");

        // The baseline's bar is the longest: 3 + 18 s.
        rows[2].Elements(Svg + "text").Last().Value.ShouldBe("21.0 s");
        svg.ShouldContain(">until the API is ready</text>"); // the legend names every phase
    }

    [Fact]
    public void Render_NoBoots_StillAValidPicture()
    {
        XDocument.Parse(TimelineSvg.Render("empty", [])).Root!.Elements(Svg + "g").ShouldBeEmpty();
    }
}
