using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pathway.Access;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

/// <summary>A home page's headline is the figure the page it leads to shows, for the same council.</summary>
public partial class HomeFiguresTests
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
    [GeneratedRegex("""<p class="nhsuk-lede-text">(.*?)</p>""", RegexOptions.Singleline)]
    private static partial Regex Lede();
    [GeneratedRegex(@"(\d[\d,]*) (?:people|adults?)")]
    private static partial Regex People();

    private static int Figure(string text) =>
        int.Parse(People().Match(text).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Theory, DatabaseData]
    public async Task ACommissionersHomeHeadlineIsTheirOwnCouncilsAdultsInTreatmentOnThePerformancePage(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 120, Years: 2, Seed: 6), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        var title = PlainEnglish.Title("in_treatment.total");

        foreach (var commissioner in DemoArea.AllSignIns.Where(s => s.Role == Roles.Commissioner))
        {
            using var client = site.NewClient();
            await TestSite.SignInAsync(client, commissioner.Email, DemoArea.Password);
            var lede = WebUtility.HtmlDecode(Tag().Replace(Lede().Match(await client.GetStringAsync("/")).Groups[1].Value, ""));
            var performance = await client.GetStringAsync("/performance");
            var shown = Regex.Match(performance, $@"<th scope=""row"">{Regex.Escape(title)}.*?</th>\s*<td>([\d,]+)</td>", RegexOptions.Singleline);

            Assert.True(shown.Success, $"/performance shows no {title}");
            Assert.Equal(int.Parse(shown.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), Figure(lede));
        }
    }
}
