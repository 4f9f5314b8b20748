using System.Text.Json;
using Microsoft.Playwright;

namespace Pathway.BrowserTests.Infrastructure;

/// <summary>WCAG 2.2 AA checks with axe-core, run inside the page as it stands.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "tests", "Pathway.BrowserTests", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>Fails with every violation's rule, impact and first element, so the message says what to fix.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the page's strict CSP stays on while axe runs.
        await page.EvaluateAsync(AxeSource.Value);
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] })).violations");
        var violations = result.EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at " +
                         string.Join(", ", v.GetProperty("nodes").EnumerateArray().Take(3)
                             .Select(n => n.GetProperty("target") + " " + n.GetProperty("failureSummary").GetString())))
            .ToList();
        Assert.True(violations.Count == 0, $"axe-core found on {page.Url}:\n" + string.Join("\n", violations));
    }
}
