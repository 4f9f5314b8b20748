using System.Globalization;
using System.Net;
using System.Text;

namespace Pathway.Commissioning;

/// <summary>
/// A small line chart drawn as SVG on the server, for the printable scrutiny report: it prints without
/// scripts, and the trend table beside it is its text alternative.
/// </summary>
public static class Sparkline
{
    public static string Svg(string title, IReadOnlyList<(string Label, decimal? Value)> points, int width = 320, int height = 90)
    {
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var svg = new StringBuilder($"<figure class=\"pathway-sparkline\"><svg role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}: trend, see the table above\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        if (values.Count > 0 && points.Count > 1)
        {
            var max = Math.Max(values.Max(), 1m);
            string Point(int i, decimal v) => string.Create(CultureInfo.InvariantCulture,
                $"{10 + i * (width - 20) / (points.Count - 1)},{height - 15 - (double)(v / max) * (height - 30):0.#}");
            var line = string.Join(' ', points.Select((p, i) => p.Value is { } v ? Point(i, v) : null).Where(p => p is not null));
            svg.Append($"<polyline fill=\"none\" stroke=\"#005eb8\" stroke-width=\"2\" points=\"{line}\"/>");
            foreach (var (p, i) in points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null))
            {
                var xy = Point(i, p.Value!.Value).Split(',');
                svg.Append($"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"#005eb8\"/>");
            }
        }
        svg.Append($"</svg><figcaption>{WebUtility.HtmlEncode(title)}</figcaption></figure>");
        return svg.ToString();
    }
}
