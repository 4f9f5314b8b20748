using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;

namespace Pathway.Commissioning;

/// <summary>
/// The quarterly executive summary a commissioner takes to a contract review: the same model and rendering as
/// `pathway report --format html --summary`, scoped by the dashboard's own selection.
/// </summary>
[Authorize(Policy = Policies.Performance)]
public class SummaryPageModel(PathwayDb db, UserManager<StaffUser> users) : PageModel
{
    public PerformanceSelection Selection { get; private set; } = null!;
    public SummaryModel Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var selection = await PerformanceSelection.ResolveAsync(Request, await users.GetUserAsync(User), db, cancel);
        // ?quarter=2026-Q2 (or the dashboard's period=2026Q2); a year's period is summarised by its last quarter.
        var quarter = Quarter.TryParse(Request.Query["quarter"].ToString().Replace("-", ""), out var asked) ? asked
            : Quarter.TryParse(selection.Period.Key, out var chosen) ? chosen : Quarter.Containing(selection.Period.To);
        selection = selection with { Period = ReportPeriod.Of(quarter) };
        // A council's summary is about its contract: with no provider asked for, the provider of the one contract covering
        // the quarter is chosen (it shows in the selection), so targets and money stand beside that contract's own figures.
        if (!Request.Query.ContainsKey("provider") && selection.Provider is null && selection.LocalAuthority is { } council)
        {
            var providers = await db.Contracts.AsNoTracking()
                .Where(c => c.LocalAuthorityCode == council && c.StartDate <= quarter.To && c.EndDate >= quarter.From)
                .Select(c => c.ProviderCode).Distinct().ToListAsync(cancel);
            if (providers.Count == 1 && selection.Providers.Any(p => p.Value == providers[0]))
                selection = selection with { Provider = providers[0] };
        }
        Selection = selection;
        Summary = await SummaryReport.BuildAsync(db, quarter, selection.Query, cancel);
    }
}
