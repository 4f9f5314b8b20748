using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Commissioning;

public sealed record HeldBenchmarks(DateOnly From, DateOnly To, string IndicatorId, int Areas);

/// <summary>
/// Uploading published comparator figures (CSV), all or nothing, and removing them: each council's commissioners keep
/// their own council's set (<see cref="AccessScope.BenchmarkFigures"/>); every upload and removal is audited with it.
/// </summary>
[Authorize(Policy = Policies.Performance)]
public class BenchmarksModel(PathwayDb db, RecordAccess access, AuditTrail audit) : PageModel
{
    public const long MaxBytes = 5_000_000;

    public List<string> Problems { get; private set; } = [];
    public int? Loaded { get; private set; }
    public List<HeldBenchmarks> Held { get; private set; } = [];
    /// <summary>The council whose set this user keeps; null for anyone who keeps none (team managers read them on the dashboard).</summary>
    public string? Council { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => await ReadHeldAsync(cancel);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancel)
    {
        await ReadHeldAsync(cancel);
        if (Council is null) return await RefusedAsync(cancel);
        if (file is null || file.Length == 0) Problems.Add("Choose a CSV file to load.");
        else if (file.Length > MaxBytes) Problems.Add("The file is larger than 5 MB.");
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var (loaded, problems) = await Benchmarking.LoadAsync(db, audit, Council, reader, cancel);
            Problems = problems;
            if (problems.Count == 0) Loaded = loaded;
        }
        await ReadHeldAsync(cancel);
        return Page();
    }

    /// <summary>Removes one indicator's figures for one period from this council's set, with its audit event in the same save.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string? indicatorId, DateOnly periodFrom, DateOnly periodTo, CancellationToken cancel)
    {
        await ReadHeldAsync(cancel);
        if (Council is null) return await RefusedAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var removed = await (await access.ScopeAsync(cancel)).BenchmarkFigures(db.BenchmarkFigures)
            .Where(f => f.IndicatorId == indicatorId && f.PeriodFrom == periodFrom && f.PeriodTo == periodTo)
            .ExecuteDeleteAsync(cancel);
        audit.Add(AuditActions.Change, removed > 0 ? AuditOutcomes.Succeeded : AuditOutcomes.Failed, AuditedRecordTypes.BenchmarkFigures,
            $"{Council}:{indicatorId}:-{removed}");
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(CancellationToken cancel)
    {
        await access.RefusedAsync(AuditedRecordTypes.BenchmarkFigures, null, cancel);
        return Forbid();
    }

    private async Task ReadHeldAsync(CancellationToken cancel)
    {
        var scope = await access.ScopeAsync(cancel);
        Council = scope.LocalAuthorityCode is { Length: > 0 } council ? council : null;
        Held = (await scope.BenchmarkFigures(db.BenchmarkFigures.AsNoTracking())
                .GroupBy(b => new { b.PeriodFrom, b.PeriodTo, b.IndicatorId })
                .Select(g => new { g.Key.PeriodFrom, g.Key.PeriodTo, g.Key.IndicatorId, Areas = g.Count() })
                .ToListAsync(cancel))
            .OrderByDescending(h => h.PeriodFrom).ThenBy(h => h.IndicatorId)
            .Select(h => new HeldBenchmarks(h.PeriodFrom, h.PeriodTo, h.IndicatorId, h.Areas)).ToList();
    }

}
