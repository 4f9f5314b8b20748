using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Indicators;

namespace Pathway.Commissioning;

/// <summary>The commissioner's dashboard: the period's indicators, trends, substance groups, targets and benchmarks. Counts only.</summary>
[Authorize(Policy = Policies.Performance)]
public class DashboardModel(PathwayDb db, UserManager<StaffUser> users, Access.Audit.AuditTrail audit) : PageModel
{
    public static readonly string[] TableIds =
    [
        "completion.opiate", "completion.non_opiate", "completion.alcohol", "in_treatment.total", "new_presentations.total",
        "young_people.in_treatment", "young_people.new_presentations", Retention.Id, PrisonContinuity.Id, Deaths.Id,
        "waiting.median_days", "waiting.over_3_weeks",
        "outcomes.abstinent", "outcomes.housing_resolved", "outcomes.offending_stopped", "outcomes.paid_work",
        "access.digital_contacts", "access.online_self_referrals", "access.dna_rate", "access.residential_rehab",
    ];

    public PerformanceSelection Selection { get; private set; } = null!;
    public IndicatorReport Report { get; private set; } = null!;
    public IReadOnlyList<(Quarter Quarter, IndicatorReport Report)> Trend { get; private set; } = [];
    public List<TargetRow> TargetRows { get; } = [];
    public Dictionary<string, TargetRow> TargetsById { get; } = [];
    public List<BenchmarkPosition> Benchmarks { get; } = [];
    public string ChartJson { get; private set; } = "{}";
    public PublicSite.DigitalUptakeFigures DigitalUptake { get; private set; } = null!;

    /// <summary>
    /// Every figure the page computes from the records: the period's indicators, the headline trends of the
    /// 8 quarters ending with the period's and digital uptake. Separate from the page so `bench/run report`
    /// times exactly what a commissioner waits for. Kept figures (<see cref="KeptFigures"/>): a repeat view reads them back.
    /// </summary>
    public static async Task<(IndicatorReport Report, IReadOnlyList<(Quarter Quarter, IndicatorReport Report)> Trend, PublicSite.DigitalUptakeFigures Uptake)>
        FiguresAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel)
    {
        var report = await KeptFigures.ComputeAsync(db, query, KeptKind.Full, cancel);
        var uptake = await PublicSite.DigitalUptake.ForAsync(db, query, cancel);
        var trend = new List<(Quarter, IndicatorReport)>();
        foreach (var quarter in Quarter.Containing(query.To).LastQuarters(8))
            // When the period is itself a quarter, the last point of the trend is the report already computed.
            trend.Add((quarter, quarter.From == query.From && quarter.To == query.To
                ? report
                : await KeptFigures.ComputeAsync(db, query with { From = quarter.From, To = quarter.To }, KeptKind.Headlines, cancel)));
        return (report, trend, uptake);
    }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    /// <summary>
    /// The page's figures as CSV: computed by the same <see cref="LoadAsync"/> as the page and written from the same model
    /// (<see cref="DashboardCsv"/>), so the download and the page cannot disagree. Audited as an export of the selection.
    /// </summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        await audit.RecordAsync(Access.Audit.AuditActions.Export, Access.Audit.AuditOutcomes.Allowed, "Performance",
            $"{Selection.Period.Key}:{Selection.LocalAuthority ?? "all"}:{Selection.Provider ?? "all"}", cancel: cancel);
        return File(System.Text.Encoding.UTF8.GetBytes(DashboardCsv.Write(this)), "text/csv",
            $"performance-{Selection.Period.Key}{(Selection.LocalAuthority is { } la ? "-" + la : "")}{(Selection.Provider is { } p ? "-" + p : "")}.csv");
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        var user = await users.GetUserAsync(User);
        Selection = await PerformanceSelection.ResolveAsync(Request, user, db, cancel);
        var query = Selection.Query;
        (Report, Trend, DigitalUptake) = await FiguresAsync(db, query, cancel);

        TargetRows.AddRange(await ContractReview.ScoreAsync(db, Report, TableIds, cancel));
        // A target stands beside the indicators only when they are exactly its contract's figures.
        foreach (var row in TargetRows.Where(r => ContractReview.IsExactly(query, r.Contract)))
            TargetsById.TryAdd(row.IndicatorId, row);

        var published = await Benchmarking.ForPeriodAsync(db, query.LocalAuthority, query.From, query.To, cancel);
        foreach (var group in published.GroupBy(b => b.IndicatorId).OrderBy(g => Array.IndexOf(TableIds, g.Key)))
            if (Report.Figures.FirstOrDefault(f => f.Id == group.Key) is { } figure
                && Benchmarking.Position(group.Key, figure.Value, group.ToList()) is { } position)
                Benchmarks.Add(position);

        ChartJson = JsonSerializer.Serialize(new
        {
            quarters = Trend.Select(t => t.Quarter.Name),
            trends = ScrutinyReport.Headlines.Select(id => new
            {
                id, title = PlainEnglish.Title(id),
                unit = Report[id].Kind == FigureKind.Rate ? "%" : "",
                values = Trend.Select(t => t.Report[id].Value),
            }),
            groups = InTreatment.Groups.Select(g => new
            {
                name = PlainEnglish.Title($"in_treatment.{Infrastructure.Codes<Episodes.SubstanceGroup>.Code(g)}")["In treatment: ".Length..],
                value = Report[$"in_treatment.{Infrastructure.Codes<Episodes.SubstanceGroup>.Code(g)}"].Value,
            }),
            benchmarks = Benchmarks.Select(b => new
            {
                id = b.IndicatorId, title = PlainEnglish.Title(b.IndicatorId), value = b.Value,
                comparators = b.Comparators.Select(c => new { area = c.Area, value = c.Value }),
            }),
        });
    }
}
