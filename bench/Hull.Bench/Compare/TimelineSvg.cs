using System.Globalization;
using System.Security;
using System.Text;

namespace Hull.Bench.Compare;

/// <summary>
/// The picture of one boot per image: a bar per image on a shared wall-clock axis from QEMU's start, one coloured
/// stretch per phase (<see cref="BootPhases"/>), seconds written on the stretches wide enough to hold them, and a legend.
/// </summary>
internal static class TimelineSvg
{
    private const int Width = 960;
    private const int LabelWidth = 210;
    private const int RowHeight = 34;
    private const int BarHeight = 22;
    private const int Top = 40;
    private const int RightMargin = 60; // room for the total after the longest bar

    /// <summary>Colourblind-safe (Okabe-Ito), in legend order.</summary>
    private static readonly string[] Colours = ["#999999", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"];

    /// <summary>The SVG document for <paramref name="boots"/> (image label, its phases), top to bottom.</summary>
    public static string Render(string title, IReadOnlyList<(string Label, IReadOnlyList<BootPhase> Phases)> boots)
    {
        var names = BootPhases.Names;
        var end = Math.Max(1, boots.SelectMany(b => b.Phases).Select(p => p.End).DefaultIfEmpty(1).Max());
        var step = end <= 10 ? 1 : end <= 25 ? 2 : 5;
        var axisEnd = Math.Ceiling(end / step) * step;
        var scale = (Width - LabelWidth - RightMargin) / axisEnd;
        var axisY = Top + (boots.Count * RowHeight) + 4;
        var legendY = axisY + 36;
        var height = legendY + (((names.Count + 2) / 3) * 20) + 10;

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"));
        svg.Append(Invariant($"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        for (var row = 0; row < boots.Count; row++)
        {
            var (label, phases) = boots[row];
            var y = Top + (row * RowHeight);
            svg.Append(Invariant($"<g class=\"boot\"><text x=\"10\" y=\"{y + 15}\">{Escape(label)}</text>\n"));
            foreach (var phase in phases.Where(p => p.Seconds > 0))
            {
                var x = LabelWidth + (phase.Start * scale);
                var w = phase.Seconds * scale;
                var colour = Colours[Math.Max(0, IndexOf(names, phase.Name)) % Colours.Length];
                svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{y}\" width=\"{w:F1}\" height=\"{BarHeight}\" fill=\"{colour}\"><title>{Escape(phase.Name)}: {phase.Seconds:F2} s</title></rect>\n"));
                if (w >= 34)
                {
                    svg.Append(Invariant($"<text x=\"{x + (w / 2):F1}\" y=\"{y + 15}\" text-anchor=\"middle\" fill=\"#ffffff\">{phase.Seconds:F1}</text>\n"));
                }
            }

            var total = phases.Count == 0 ? 0 : phases[^1].End;
            svg.Append(Invariant($"<text x=\"{LabelWidth + (total * scale) + 4:F1}\" y=\"{y + 15}\">{total:F1} s</text></g>\n"));
        }

        svg.Append(Invariant($"<line x1=\"{LabelWidth}\" y1=\"{axisY}\" x2=\"{Width - RightMargin}\" y2=\"{axisY}\" stroke=\"#333333\"/>\n"));
        for (var t = 0.0; t <= axisEnd + 1e-9; t += step)
        {
            var x = LabelWidth + (t * scale);
            svg.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"{axisY}\" x2=\"{x:F1}\" y2=\"{axisY + 5}\" stroke=\"#333333\"/><text x=\"{x:F1}\" y=\"{axisY + 18}\" text-anchor=\"middle\">{t:F0}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"10\" y=\"{axisY + 18}\">seconds from QEMU start</text>\n"));
        for (var i = 0; i < names.Count; i++)
        {
            var x = 10 + ((i % 3) * 310);
            var y = legendY + ((i / 3) * 20);
            svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y - 11}\" width=\"14\" height=\"14\" fill=\"{Colours[i % Colours.Length]}\"/><text x=\"{x + 20}\" y=\"{y + 1}\">{Escape(names[i])}</text>\n"));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
